package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the identity hot path (phone and e-mail scans, NFKC skipped, the pinyin cache,
 * the honorific and city suffixes without regex) give what the rules they shortcut give.
 */
class HotPathEquivalenceTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern MASKED = Pattern.compile("^\\+?(?:86)?(1\\d{2})[*xX×]{3,6}(\\d{4})$");
    private static final String[] SEPARATORS = {"", " ", "-", ".", "(", ")", "  ", "\t"};
    private static final String[] PREFIXES = {
        "", "+86", "86", "0086", "+86 ", "(+86)", "（+86）", "+", "0", "860", "+0086", "8"
    };

    @Test
    void theFastPhonePathAgreesWithTheFullRulesAndLibphonenumber() {
        Random r = new Random(17);
        int fast = 0;
        int unallocated = 0;
        for (int i = 0; i < 20_000; i++) {
            String raw = spelling(r);
            String s = IdentifierNormalizer.nfkc(raw).trim();
            String compactByRegex = s.replaceAll("[\\s()\\-.]", "");
            String full = IdentifierNormalizer.slowPhone(s, compactByRegex); // the rules as they were, regexes first
            assertThat(IdentifierNormalizer.compact(s)).as(raw).isEqualTo(compactByRegex);
            assertThat(IdentifierNormalizer.phone(raw)).as(raw).isEqualTo(full);
            String mobile = IdentifierNormalizer.fastMobile(compactByRegex);
            if (mobile != null) {
                fast++;
                // libphonenumber reads no tab as a separator, the rules before it always did
                String lib = libphonenumber(s.replace('\t', ' '));
                if (lib == null) {
                    // FAST_MOBILE takes every 1[3-9] block; libphonenumber's metadata leaves some
                    // out (140-149, 16x, 19x...): a range question, the same however the number is spelt
                    assertThat(libphonenumber(mobile))
                            .as("libphonenumber on " + raw)
                            .isNull();
                    unallocated++;
                } else {
                    assertThat(lib).as("libphonenumber on " + raw).isEqualTo(mobile);
                }
            }
            var m = MASKED.matcher(compactByRegex);
            assertThat(IdentifierNormalizer.maskedBucket(compactByRegex))
                    .as(raw)
                    .isEqualTo(m.matches() ? m.group(1) + "****" + m.group(2) : null);
        }
        assertThat(fast).as("spellings the fast path decided").isGreaterThan(5_000);
        System.out.printf(
                "%,d spellings, %,d decided by the fast path, %,d of them outside libphonenumber's ranges%n",
                20_000, fast, unallocated);
        assertThat(fast - unallocated)
                .as("spellings libphonenumber read as the fast path did")
                .isGreaterThan(3_000);
    }

    @Test
    void weakEvidenceReadsThePhoneOnceAndGivesWhatItGave() {
        Random r = new Random(22);
        String[] names = {"张伟", "张*", null, "买家", "Zhang Wei"};
        String[] cities = {"杭州市", null, " 上海 ", ""};
        for (int i = 0; i < 5_000; i++) {
            String raw = i % 50 == 0 ? null : spelling(r);
            String name = names[r.nextInt(names.length)];
            String city = cities[r.nextInt(cities.length)];
            // as Weak.of composed it before: bucket, key, city, then the phone's hash
            String bucket = IdentifierNormalizer.maskBucket(raw);
            String key = PersonName.key(name);
            String phone = IdentifierNormalizer.phone(raw);
            IdentityEvidence.Weak expected = bucket == null || key == null
                    ? null
                    : new IdentityEvidence.Weak(
                            bucket,
                            key,
                            city == null || city.isBlank() ? null : city.trim().replaceAll("[市]$", ""),
                            phone == null ? null : IdentifierHash.sha256Hex(phone));
            assertThat(IdentityEvidence.Weak.of(raw, name, city))
                    .as(raw + " / " + name)
                    .isEqualTo(expected);
        }
    }

    @Test
    void theEmailScanAgreesWithTheRegex() {
        Random r = new Random(18);
        String alphabet = "ab.@ @x.\t-_Z";
        for (int i = 0; i < 50_000; i++) {
            String v = jumble(r, alphabet, 9);
            assertThat(IdentifierNormalizer.emailShape(v))
                    .as("[" + v + "]")
                    .isEqualTo(IdentifierNormalizer.EMAIL.matcher(v).matches());
        }
        assertThat(IdentifierNormalizer.emailShape("zhang.san@example.cn")).isTrue();
    }

    @Test
    void nfkcIsSkippedOnlyWhereItChangesNothing() {
        for (char c = 0; c < 0x80; c++) {
            assertThat(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC))
                    .isEqualTo(String.valueOf(c));
        }
        Random r = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(6); k >= 0; k--) {
                s.append(r.nextBoolean() ? (char) r.nextInt(0x80) : (char) (0x4E00 + r.nextInt(0x9FFF - 0x4E00 + 1)));
            }
            String v = s.toString();
            assertThat(PersonName.nfkc(v)).isEqualTo(Normalizer.normalize(v, Normalizer.Form.NFKC));
            assertThat(IdentifierNormalizer.nfkc(v)).isEqualTo(Normalizer.normalize(v, Normalizer.Form.NFKC));
        }
    }

    @Test
    void thePinyinCacheGivesPinyin4jsReadingForEveryCjkUnifiedIdeograph() {
        for (char c = 0x4E00; c <= 0x9FFF; c++) {
            String once = PersonName.pinyin(c);
            assertThat(once)
                    .as("U+%04X", (int) c)
                    .isEqualTo(PersonName.pinyin4j(c).toLowerCase(java.util.Locale.ROOT));
            assertThat(PersonName.pinyin(c)).isSameAs(once);
            assertThat(PersonName.nfkc(String.valueOf(c)))
                    .isEqualTo(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
        }
    }

    @Test
    void nameKeysAreThoseOfTheUncachedRegexAndPinyin4jKey() {
        for (char c = 0x4E00; c <= 0x9FFF; c++) {
            for (String name : new String[] {"王" + c, c + "" + c + "明", "Li " + c, c + "先生"}) {
                assertThat(PersonName.key(name)).as(name).isEqualTo(uncachedKey(name));
            }
        }
        Random r = new Random(20);
        String alphabet = "张王吕女绿单曾aeiouLYUnü Ü·* -先生小姐市\u2028\nZ１２３ｚ";
        for (int i = 0; i < 50_000; i++) {
            String n = jumble(r, alphabet, 7);
            assertThat(PersonName.key(n)).as("[" + n + "]").isEqualTo(uncachedKey(n));
        }
    }

    /** PersonName.key as it was before the cache: NFKC always, the honorific by regex, pinyin4j per character. */
    private static String uncachedKey(String name) {
        if (name == null) {
            return null;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).trim();
        java.util.Set<String> placeholders = java.util.Set.of(
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
        if (n.isEmpty()
                || n.contains("*")
                || n.length() > 40
                || placeholders.contains(n.toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        n = Pattern.compile("(先生|女士|小姐|太太|老师)$").matcher(n).replaceFirst("");
        if (n.codePointCount(0, n.length()) < 2) {
            return null;
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
                out.append(out.length() > 0 ? " " : "").append(word.toString().toLowerCase(java.util.Locale.ROOT));
                word.setLength(0);
            }
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                out.append(out.length() > 0 ? " " : "")
                        .append(PersonName.pinyin4j(c).toLowerCase(java.util.Locale.ROOT));
            }
        }
        String key = out.toString().replace("lyu", "lv").replace("nyu", "nv");
        return key.replace(" ", "").length() < 2 || key.equals("unknown") || key.equals("test") ? null : key;
    }

    @Test
    void honorificAndCitySuffixesAsTheRegexesRemovedThem() {
        Pattern honorific = Pattern.compile("(先生|女士|小姐|太太|老师)$");
        for (String n : new String[] {
            "张先生", "张伟女士", "先生先生", "李小姐 ", "王太太\u2028", "赵老师\n", "先生", "张伟", "老师好", "", "x小姐\u0085", "太"
        }) {
            assertThat(PersonName.withoutHonorific(n))
                    .as("[" + n + "]")
                    .isEqualTo(honorific.matcher(n).replaceFirst(""));
        }
        for (String c : new String[] {"杭州市", "上海", "市", "市市", "杭州市\u2028", "杭州 市", "市中心"}) {
            assertThat(IdentityEvidence.Weak.withoutShi(c)).as("[" + c + "]").isEqualTo(c.replaceAll("[市]$", ""));
        }
    }

    /** A mobile, landline, masked, virtual or broken number in one of the spellings channels send. */
    private static String spelling(Random r) {
        String digits;
        switch (r.nextInt(10)) {
            case 0 -> digits = "0" + (10 + r.nextInt(90)) + String.format("%08d", r.nextInt(100_000_000)); // landline
            case 1 ->
                digits = String.format("%0" + (5 + r.nextInt(10)) + "d", Math.abs(r.nextLong() % 100_000_000_000_000L));
            case 2 -> digits = "1" + r.nextInt(10) + String.format("%09d", r.nextInt(1_000_000_000)); // 10..19 prefixes
            default -> digits = "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
        }
        if (digits.length() == 11 && r.nextInt(8) == 0) { // masked
            String mask = "*x×X".charAt(r.nextInt(4)) + "";
            digits = digits.substring(0, 3) + mask.repeat(2 + r.nextInt(6)) + digits.substring(7);
        }
        StringBuilder out = new StringBuilder(PREFIXES[r.nextInt(PREFIXES.length)]);
        String sep = SEPARATORS[r.nextInt(SEPARATORS.length)];
        for (int i = 0; i < digits.length(); i++) {
            out.append(digits.charAt(i));
            if ((i == 2 || i == 6) && r.nextBoolean()) {
                out.append(sep);
            }
        }
        switch (r.nextInt(12)) {
            case 0 -> out.append("-").append(r.nextInt(10_000)); // virtual
            case 1 -> out.append("转").append(r.nextInt(1_000));
            case 2 -> out.append("#").append(r.nextInt(100));
            case 3 -> out.insert(0, "  ").append(' ');
            default -> {}
        }
        String s = out.toString();
        if (r.nextInt(5) == 0) { // full width
            StringBuilder wide = new StringBuilder();
            s.chars().forEach(ch -> wide.append(ch >= '!' && ch <= '~' ? (char) (ch - '!' + '！') : (char) ch));
            s = wide.toString();
        }
        return s;
    }

    /** One to {@code most} characters drawn from the alphabet. */
    private static String jumble(Random r, String alphabet, int most) {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(most); k >= 0; k--) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String libphonenumber(String s) {
        try {
            PhoneNumber n = PHONES.parse(s, "CN");
            return PHONES.isValidNumber(n) ? PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
