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
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> PLACEHOLDERS = Set.of("null", "none", "nil", "n/a", "na", "-", "unknown",
            "anonymous", "test", "undefined", "0");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private IdentifierNormalizer() {
    }

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
        String compact = s.replaceAll("[\\s()\\-.]", "");
        if (MASKED.matcher(compact).matches() || VIRTUAL.matcher(s.replaceAll("\\s", "")).matches()) {
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
            if (type != PhoneNumberUtil.PhoneNumberType.MOBILE && type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE) {
                return null; // a landline is a household's or a shop's, not a person's
            }
            return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The masked form {@code 138****5678} of a phone, masked or not: weak evidence shared by about
     * twenty people in ten million, good for finding candidates, never for merging.
     */
    public static String maskBucket(String raw) {
        if (raw == null) {
            return null;
        }
        String compact = nfkc(raw).trim().replaceAll("[\\s()\\-.]", "");
        Matcher masked = MASKED.matcher(compact);
        if (masked.matches()) {
            return masked.group(1) + "****" + masked.group(2);
        }
        String e164 = phone(raw);
        return e164 == null || !e164.startsWith("+86") ? null
                : e164.substring(3, 6) + "****" + e164.substring(e164.length() - 4);
    }

    public static String email(String raw) {
        String e = nfkc(raw).trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(e).matches()) {
            return null;
        }
        String local = e.substring(0, e.indexOf('@'));
        return placeholder(local) || local.startsWith("noreply") || local.startsWith("no-reply") ? null : e;
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

    private static String nfkc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
}
