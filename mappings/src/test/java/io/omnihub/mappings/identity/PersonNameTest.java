package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void homophonesLatinSpellingsAndTheUmlautCompareEqual() {
        assertThat(PersonName.key("张伟")).isEqualTo("zhangwei").isEqualTo(PersonName.key("张玮"))
                .isEqualTo(PersonName.key("Zhang Wei")).isEqualTo(PersonName.key(" ZHANG  WEI "));
        assertThat(PersonName.key("吕布")).isEqualTo("lvbu").isEqualTo(PersonName.key("LYU Bu"))
                .isEqualTo(PersonName.key("Lü Bu"));
        assertThat(PersonName.key("阿依古丽·买买提")).isEqualTo(PersonName.key("阿依古丽买买提"));
        assertThat(PersonName.key("王芳")).isNotEqualTo(PersonName.key("李芳"));
    }

    @Test
    void maskedOrEmptyNamesGiveNoKey() {
        assertThat(PersonName.key("张*")).isNull();
        assertThat(PersonName.key("  ")).isNull();
        assertThat(PersonName.key(null)).isNull();
        assertThat(PersonName.key("123")).isNull();
    }
}
