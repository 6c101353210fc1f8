package io.omnihub.mappings.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.omnihub.mappings.model.Identifier;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifiers as the identity graph compares them, or nothing when a value must never link two
 * records. Phones become E.164 (full-width digits, +86 / 0086 / 86 prefixes, spaces and dashes
 * all read); masked phones ({@code 138****5678}) and virtual numbers ({@code ...-1234},
 * {@code ...转1234}) are not identifiers; e-mail is trimmed and lower-cased; scoped identifiers
 * (member card, openid, WeCom external id, platform buyer id) need their scope; placeholder values
 * ({@code null}, {@code anonymous}, all zeros, ...) are refused.
 */
public final class IdentifierNormalizer {

    private static final Pattern FAST_MOBILE = Pattern.compile("^(?:\\+?86|0086)?(1[3-9]\\d{9})$");
    private static final Pattern MASKED = Pattern.compile("^\\+?(?:86)?(1\\d{2})[*xX×]{3,6}(\\d{4})$");
    private static final Pattern VIRTUAL = Pattern.compile("^\\+?(?:86)?1\\d{10}(?:-|转|ext|#)\\d{1,6}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> PLACEHOLDERS =
            Set.of("null", "none", "nil", "n/a", "na", "-", "unknown", "anonymous", "test", "undefined", "0");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private IdentifierNormalizer() {}

    /** The identifier in the form the graph keys it by, or empty when it must not link anything. */
    public static Optional<Identifier> normalize(Identifier id) {
        if (id == null || id.type() == null || id.value() == null) {
            return Optional.empty();
        }
        String value = nfkc(id.value()).trim();
        if (placeholder(value)) {
            return Optional.empty();
        }
        String scope = id.scope() == null ? "" : id.scope().trim();
        switch (id.type()) {
            case PHONE:
                return Optional.ofNullable(phone(value)).map(p -> Identifier.of(Identifier.Type.PHONE, p));
            case EMAIL:
                String email = email(value);
                return email == null ? Optional.empty() : Optional.of(Identifier.of(Identifier.Type.EMAIL, email));
            case UNION_ID:
                return Optional.of(new Identifier(Identifier.Type.UNION_ID, value, scope));
            case MEMBER_CARD, OPEN_ID, WECOM_EXTERNAL_ID, PLATFORM_BUYER_ID, PARTNER_MEMBER_ID:
                // unique only within their program, app, corp or platform: no scope, no identity
                return scope.isEmpty() ? Optional.empty() : Optional.of(new Identifier(id.type(), value, scope));
            default:
                return Optional.empty();
        }
    }

    /** A mainland mobile number in E.164 (+8613812345678), or null for a masked, virtual or invalid one. */
    public static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        String s = nfkc(raw).trim();
        String compact = compact(s);
        // the fast path decides only what the rules below would decide the same way: a compact
        // mainland mobile has no mask character, and no room for a virtual extension after it
        String mobile = fastMobile(compact);
        if (mobile != null) {
            return mobile;
        }
        if (maskedBucket(compact) != null) {
            return null;
        }
        return slowPhone(s, compact);
    }

    /** The rules in full, libphonenumber included, for what the fast path could not decide. */
    static String slowPhone(String s, String compact) {
        if (MASKED.matcher(compact).matches()
                || VIRTUAL.matcher(s.replaceAll("\\s", "")).matches()) {
            return null;
        }
        Matcher m = FAST_MOBILE.matcher(compact);
        if (m.matches()) {
            return "+86" + m.group(1);
        }
        if (compact.contains("*")) {
            return null;
        }
        try {
            PhoneNumber n = PHONES.parse(s, "CN");
            if (!PHONES.isValidNumber(n) || n.hasExtension()) {
                return null;
            }
            PhoneNumberUtil.PhoneNumberType type = PHONES.getNumberType(n);
            if (type != PhoneNumberUtil.PhoneNumberType.MOBILE
                    && type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE) {
                return null; // a landline is a household's or a shop's, not a person's
            }
            return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * {@code FAST_MOBILE} ({@code (?:\+?86|0086)?(1[3-9]\d{9})}) by a scan of the compact form:
     * "+86" and the eleven digits when it matches, else null.
     */
    static String fastMobile(String compact) {
        int len = compact.length();
        int start = len - 11; // the prefix takes what the eleven digits leave
        if (start < 0
                || !digits(compact, start, len)
                || compact.charAt(start) != '1'
                || compact.charAt(start + 1) < '3') {
            return null;
        }
        boolean prefix =
                switch (start) {
                    case 0 -> true;
                    case 2 -> compact.startsWith("86");
                    case 3 -> compact.startsWith("+86");
                    case 4 -> compact.startsWith("0086");
                    default -> false;
                };
        return prefix ? "+86".concat(compact.substring(start)) : null;
    }

    /**
     * {@code MASKED} ({@code \+?(?:86)?(1\d{2})[*xX×]{3,6}(\d{4})}) by a scan of the compact form:
     * the bucket (138****5678) when it matches, else null.
     */
    static String maskedBucket(String compact) {
        int from = compact.startsWith("+") ? 1 : 0;
        String bucket = maskedBucket(compact, from);
        return bucket != null || !compact.startsWith("86", from) ? bucket : maskedBucket(compact, from + 2);
    }

    private static String maskedBucket(String c, int from) {
        int masks = c.length() - from - 7;
        if (masks < 3
                || masks > 6
                || c.charAt(from) != '1'
                || !digits(c, from + 1, from + 3)
                || !digits(c, c.length() - 4, c.length())) {
            return null;
        }
        for (int i = from + 3; i < from + 3 + masks; i++) {
            char m = c.charAt(i);
            if (m != '*' && m != 'x' && m != 'X' && m != '×') {
                return null;
            }
        }
        return c.substring(from, from + 3) + "****" + c.substring(c.length() - 4);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The value without whitespace, parentheses, dashes and dots ({@code [\s()\-.]}). */
    static String compact(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c == ' '
                    || c == '('
                    || c == ')'
                    || c == '-'
                    || c == '.'
                    || c == '\t'
                    || c == '\n'
                    || c == '\u000B'
                    || c == '\f'
                    || c == '\r';
            if (drop && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * The masked form {@code 138****5678} of a phone, masked or not: weak evidence shared by about
     * twenty people in ten million, good for finding candidates, never for merging.
     */
    public static String maskBucket(String raw) {
        if (raw == null) {
            return null;
        }
        String masked = maskedBucket(compact(nfkc(raw).trim()));
        return masked != null ? masked : bucketOf(phone(raw));
    }

    /** The masked form of a number {@link #phone} gave (null for none or a foreign one). */
    static String bucketOf(String e164) {
        return e164 == null || !e164.startsWith("+86")
                ? null
                : e164.substring(3, 6) + "****" + e164.substring(e164.length() - 4);
    }

    public static String email(String raw) {
        String e = nfkc(raw).trim().toLowerCase(Locale.ROOT);
        if (!emailShape(e)) {
            return null;
        }
        String local = e.substring(0, e.indexOf('@'));
        return placeholder(local) || local.startsWith("noreply") || local.startsWith("no-reply") ? null : e;
    }

    /**
     * {@code EMAIL} ({@code [^@\s]+@[^@\s]+\.[^@\s]+}) by a scan: one '@' with something before
     * it, a dot inside what follows it, no whitespace.
     */
    static boolean emailShape(String e) {
        int at = -1;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == ' '
                    || c == '\t'
                    || c == '\n'
                    || c == '\u000B'
                    || c == '\f'
                    || c == '\r'
                    || (c == '@' && at >= 0)) {
                return false;
            }
            if (c == '@') {
                at = i;
            }
        }
        if (at < 1) {
            return false;
        }
        int dot = e.indexOf('.', at + 2);
        return dot >= 0 && dot < e.length() - 1;
    }

    private static boolean placeholder(String v) {
        if (v.isEmpty() || PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != '0') {
                return false;
            }
        }
        return true; // all zeros
    }

    /** NFKC, skipped for plain ASCII (which NFKC leaves as it is), the usual case. */
    static String nfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC);
            }
        }
        return s;
    }
}
