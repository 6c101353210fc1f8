package io.omnihub.mappings.identity;

import java.text.Normalizer;
import java.util.Locale;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * A person's name as weak evidence compares it: its toneless pinyin. Chinese is typed with pinyin
 * input methods, so the usual typo is a homophone (张伟 / 张玮) and compares equal; a name written
 * in Latin letters (Zhang Wei, LYU Bu) meets its Hanzi form, with ü as v whichever way it was
 * spelt (passports write LYU, input methods LV). Masked names (张*) and anything without letters
 * give no key.
 */
public final class PersonName {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();
    /** What a form or a platform puts where a name should be. */
    private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of(
            "买家",
            "卖家",
            "顾客",
            "客户",
            "客人",
            "会员",
            "用户",
            "收货人",
            "本人",
            "匿名",
            "无",
            "未知",
            "测试",
            "先生",
            "女士",
            "小姐",
            "buyer",
            "customer",
            "member",
            "user",
            "guest",
            "test",
            "unknown",
            "anonymous",
            "null",
            "none",
            "n/a");

    private static final java.util.regex.Pattern HONORIFIC = java.util.regex.Pattern.compile("(先生|女士|小姐|太太|老师)$");
    private static final String[] HONORIFICS = {"先生", "女士", "小姐", "太太", "老师"};
    /** Per char, its syllable once pinyin4j was asked (pinyin4j parses and formats on every call). */
    private static final String[] PINYIN = new String[Character.MAX_VALUE + 1];

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private PersonName() {}

    /**
     * The comparison key of a name: its syllables in toneless pinyin, space-separated (张伟 ->
     * "zhang wei"), or null when the name cannot be compared (masked, empty, a placeholder such
     * as 买家, a surname with an honorific such as 张先生).
     */
    public static String key(String name) {
        if (name == null) {
            return null;
        }
        String n = nfkc(name).trim();
        if (n.isEmpty() || n.contains("*") || n.length() > 40 || PLACEHOLDERS.contains(n.toLowerCase(Locale.ROOT))) {
            return null;
        }
        n = withoutHonorific(n);
        if (n.codePointCount(0, n.length()) < 2) {
            return null; // 张先生: a surname alone names nobody
        }
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= n.length(); i++) {
            char c = i < n.length() ? n.charAt(i) : ' ';
            if (i < n.length() && Character.isLetter(c) && c < 0x250) {
                word.append(Character.toLowerCase(c == 'ü' || c == 'Ü' ? 'v' : c));
                continue;
            }
            if (word.length() > 0) {
                append(out, word.toString());
                word.setLength(0);
            }
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                append(out, pinyin(c));
            }
            // spaces, the middle dot of minority names, punctuation: not part of the key
        }
        String key = out.toString().replace("lyu", "lv").replace("nyu", "nv");
        return key.replace(" ", "").length() < 2 || key.equals("unknown") || key.equals("test") ? null : key;
    }

    private static void append(StringBuilder out, String syllable) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(syllable.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether two name keys can be one person's: the same surname syllable, and the rest equal but
     * for one syllable changed, added or dropped (a wrong or missing character), and only in names
     * long enough that the other syllables still say who it is. A two-syllable key must be equal:
     * 黄明 / 黄平 and 王明 / 王平 are two people as often as a slip (a store's walk-ins share a
     * clerk's phone), and so are 王芳 / 王凡 (this used to count as an input-method slip; a
     * homophone such as 王芳 / 王方 has the same key anyway). A changed syllable needs three or
     * more (张伟明 / 张伟文); an added or dropped one needs the shorter name to have three or more
     * (欧阳娜娜 / 欧阳娜), so 张明 / 张伟明 and 张三 / 张老三 are not close. Another surname (王芳 /
     * 陈芳, a re-issued number's two owners) never is.
     */
    public static boolean close(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        if (!x[0].equals(y[0]) || Math.min(x.length, y.length) < 3) {
            return false;
        }
        if (x.length == y.length) {
            int differ = 0;
            for (int i = 0; i < x.length; i++) {
                if (!x[i].equals(y[i])) {
                    differ++;
                }
            }
            return differ <= 1;
        }
        String[] longer = x.length > y.length ? x : y;
        String[] shorter = x.length > y.length ? y : x;
        if (longer.length - shorter.length != 1) {
            return false;
        }
        for (int skip = 1; skip < longer.length; skip++) {
            boolean same = true;
            for (int i = 0, j = 0; i < longer.length && same; i++) {
                if (i != skip) {
                    same = longer[i].equals(shorter[j++]);
                }
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /**
     * NFKC, skipped when every character is ASCII or a CJK Unified Ideograph (U+4E00..U+9FFF):
     * none of them decomposes or composes with its neighbour, so NFKC leaves such a name as it is.
     */
    static String nfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && (c < 0x4E00 || c > 0x9FFF)) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC);
            }
        }
        return s;
    }

    /** {@code HONORIFIC.matcher(n).replaceFirst("")} without the regex where no line terminator ends the name. */
    static String withoutHonorific(String n) {
        if (n.isEmpty()) {
            return n;
        }
        char last = n.charAt(n.length() - 1);
        if (last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029') {
            return HONORIFIC.matcher(n).replaceFirst(""); // '$' also matches before a final line terminator
        }
        for (String h : HONORIFICS) {
            if (n.endsWith(h)) {
                return n.substring(0, n.length() - h.length());
            }
        }
        return n;
    }

    /** The first reading of a Hanzi, from pinyin4j once per character and then from the cache. */
    static String pinyin(char c) {
        String cached = PINYIN[c];
        if (cached == null) {
            cached = pinyin4j(c).toLowerCase(Locale.ROOT);
            PINYIN[c] = cached; // a race computes the same immutable string twice: harmless
        }
        return cached;
    }

    static String pinyin4j(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? String.valueOf(c) : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }
}
