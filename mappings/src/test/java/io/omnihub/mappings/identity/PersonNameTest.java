package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void homophonesLatinSpellingsAndTheUmlautCompareEqual() {
        assertThat(PersonName.key("张伟"))
                .isEqualTo("zhang wei")
                .isEqualTo(PersonName.key("张玮"))
                .isEqualTo(PersonName.key("Zhang Wei"))
                .isEqualTo(PersonName.key(" ZHANG  WEI "));
        assertThat(PersonName.key("吕布"))
                .isEqualTo("lv bu")
                .isEqualTo(PersonName.key("LYU Bu"))
                .isEqualTo(PersonName.key("Lü Bu"));
        assertThat(PersonName.key("阿依古丽·买买提")).isEqualTo(PersonName.key("阿依古丽买买提"));
        assertThat(PersonName.key("王芳")).isNotEqualTo(PersonName.key("李芳"));
    }

    @Test
    void oneWrongCharacterIsCloseInLongerNamesButAnotherSurnameOrTwoCharactersAreNot() {
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张伟文")))
                .isTrue();
        assertThat(PersonName.close(PersonName.key("欧阳娜娜"), PersonName.key("欧阳娜")))
                .as("a dropped character of four")
                .isTrue();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("王方")))
                .as("a homophone: equal keys")
                .isTrue();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("陈芳"))).isFalse();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("王静"))).isFalse();
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张小红")))
                .isFalse();
    }

    /**
     * Issue 17: two walk-ins on a clerk's phone were merged as one name. These two cases changed
     * meaning deliberately: 王芳 / 王凡 (fang / fan) and 张伟明 / 张明 (a dropped character) were
     * close before; in names this short one syllable is too much of the name to give away.
     */
    @Test
    void aOneLetterSlipOrAMissingCharacterNeverMakesTwoCharacterNamesOne() {
        assertThat(PersonName.close(PersonName.key("黄明"), PersonName.key("黄平"))).isFalse();
        assertThat(PersonName.close(PersonName.key("王明"), PersonName.key("王平"))).isFalse();
        assertThat(PersonName.close(PersonName.key("王芳"), PersonName.key("王凡"))).isFalse();
        assertThat(PersonName.close(PersonName.key("张伟明"), PersonName.key("张明")))
                .isFalse();
        assertThat(PersonName.close(PersonName.key("张三"), PersonName.key("张老三")))
                .isFalse();
        assertThat(PersonName.close("huang ming", "huang ping")).isFalse();
        assertThat(PersonName.close(PersonName.key("黄明"), PersonName.key("Huang Ming")))
                .as("equal keys")
                .isTrue();
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
