package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import org.junit.jupiter.api.Test;

class IdentifierNormalizerTest {

    @Test
    void everyUsualSpellingOfAMobileIsOneE164Number() {
        for (String p : new String[] {
            "13800138000",
            "+86 138 0013 8000",
            "0086-138-0013-8000",
            "86-13800138000",
            "8613800138000",
            "１３８００１３８０００",
            "（+86）138 0013 8000",
            "+86 (138) 0013-8000"
        }) {
            assertThat(IdentifierNormalizer.phone(p)).as(p).isEqualTo("+8613800138000");
        }
    }

    @Test
    void maskedVirtualLandlineAndBogusNumbersAreNotIdentifiers() {
        assertThat(IdentifierNormalizer.phone("138****8000")).isNull();
        assertThat(IdentifierNormalizer.phone("138****8000".replace('*', '×'))).isNull();
        assertThat(IdentifierNormalizer.phone("13800138000-1234"))
                .as("a virtual number")
                .isNull();
        assertThat(IdentifierNormalizer.phone("13800138000转1234")).isNull();
        assertThat(IdentifierNormalizer.phone("021-6234-5678")).as("a landline").isNull();
        assertThat(IdentifierNormalizer.phone("12345")).isNull();
        assertThat(IdentifierNormalizer.maskBucket("138****8000")).isEqualTo("138****8000");
        assertThat(IdentifierNormalizer.maskBucket("+86 138 0013 8000")).isEqualTo("138****8000");
    }

    @Test
    void emailsScopesAndPlaceholders() {
        assertThat(IdentifierNormalizer.normalize(Identifier.of(Type.EMAIL, "  Zhang.San@Example.CN ")))
                .contains(Identifier.of(Type.EMAIL, "zhang.san@example.cn"));
        assertThat(IdentifierNormalizer.normalize(Identifier.of(Type.EMAIL, "noreply@shop.cn")))
                .isEmpty();
        assertThat(IdentifierNormalizer.normalize(Identifier.of(Type.MEMBER_CARD, "C-1")))
                .as("a card without its program")
                .isEmpty();
        assertThat(IdentifierNormalizer.normalize(new Identifier(Type.MEMBER_CARD, " C-1 ", "pos-east")))
                .contains(new Identifier(Type.MEMBER_CARD, "C-1", "pos-east"));
        assertThat(IdentifierNormalizer.normalize(new Identifier(Type.PLATFORM_BUYER_ID, "null", "tmall")))
                .isEmpty();
        assertThat(IdentifierNormalizer.normalize(new Identifier(Type.PLATFORM_BUYER_ID, "0000", "tmall")))
                .isEmpty();
        assertThat(IdentifierNormalizer.normalize(Identifier.of(Type.UNION_ID, "anonymous")))
                .isEmpty();
        assertThat(IdentifierNormalizer.normalize(Identifier.of(Type.PHONE, "+86 138-0013-8000")))
                .contains(Identifier.of(Type.PHONE, "+8613800138000"));
    }
}
