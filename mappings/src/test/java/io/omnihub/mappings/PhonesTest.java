package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhonesTest {

    @Test
    void usualSpellingsOfOneNumberAreOneIdentifier() {
        assertThat(Phones.e164("+86 138-1234-5678")).isEqualTo("+8613812345678");
        assertThat(Phones.e164("8613812345678")).isEqualTo("+8613812345678");
        assertThat(Phones.e164("0086 138 1234 5678")).isEqualTo("+8613812345678");
        assertThat(Phones.e164("１３８１２３４５６７８")).as("full-width digits").isEqualTo("+8613812345678");
        assertThat(Phones.e164("（+86）138-1234-5678")).isEqualTo("+8613812345678");
        assertThat(Phones.mainlandMobile("(138) 1234 5678")).isEqualTo("13812345678");
    }

    @Test
    void whatIsNotAMainlandMobileIsRefusedAndMaskingKeepsOnlyTheEnds() {
        assertThatThrownBy(() -> Phones.mainlandMobile("021-12345678")).hasMessageContaining("11-digit");
        assertThatThrownBy(() -> Phones.mainlandMobile("138x12345678")).hasMessageContaining("not a phone");
        assertThat(Phones.mask("13812345678")).isEqualTo("138****5678");
        assertThat(Phones.mask("12")).isEqualTo("***");
    }
}
