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

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private PersonName() {
    }

    /** The comparison key of a name, or null when the name cannot be compared (masked, empty, a placeholder). */
    public static String key(String name) {
        if (name == null) {
            return null;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).trim();
        if (n.isEmpty() || n.contains("*") || n.contains("＊") || n.length() > 40) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isLetter(c) && c < 0x250) {
                out.append(Character.toLowerCase(c == 'ü' || c == 'Ü' ? 'v' : c));
            } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                out.append(pinyin(c));
            }
            // spaces, the middle dot of minority names, punctuation: not part of the key
        }
        String key = out.toString().replace("lyu", "lv").replace("nyu", "nv");
        return key.length() < 2 || key.equals("unknown") || key.equals("test") ? null : key.toLowerCase(Locale.ROOT);
    }

    private static String pinyin(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? String.valueOf(c) : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }
}
