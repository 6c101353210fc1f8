package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void homophonesLatinSpellingsAndTheUmlautCompareEqual() {
        assertThat(PersonName.key("张伟")).isEqualTo("zhang wei").isEqualTo(PersonName.key("张玮"))
                .isEqualTo(PersonName.key("Zhang Wei")).isEqualTo(PersonName.key(" ZHANG  WEI "));
        assertThat(PersonName.key("吕布")).isEqualTo("lv bu").isEqualTo(PersonName.key("LYU Bu"))
                .isEqualTo(PersonName.key("Lü Bu"));
        assertThat(PersonName.key("阿依古丽·买买提")).isEqualTo(PersonName.key("阿依古丽买买提"));
        assertThat(PersonName.key("王芳")).isNotEqualTo(PersonName.key("李芳"));
    }

    @Test
    void oneWrongCharacterIsCloseButAnotherSurnameOrTwoCharactersAreNot() {
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张伟文"))).isTrue();
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张明"))).isTrue();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("陈芳"))).isFalse();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("王静"))).isFalse();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("王凡"))).isTrue();
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张小红"))).isFalse();
    }

    @Test
    void maskedOrEmptyNamesGiveNoKey() {
        assertThat(PersonName.key("张*")).isNull();
        assertThat(PersonName.key("  ")).isNull();
        assertThat(PersonName.key(null)).isNull();
        assertThat(PersonName.key("123")).isNull();
        assertThat(PersonName.key("买家")).as("a platform's placeholder").isNull();
        assertThat(PersonName.key("张先生")).as("a surname alone").isNull();
        assertThat(PersonName.key("张伟先生")).isEqualTo("zhang wei");
    }
}
