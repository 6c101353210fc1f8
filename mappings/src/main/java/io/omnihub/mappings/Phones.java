package io.omnihub.mappings;

/**
 * Mainland China mobile numbers: read in any usual spelling ("+86 138-1234-5678", "8613812345678",
 * "138 1234 5678", full-width digits as a Chinese input method types them), kept as an identifier in E.164 (+8613812345678), and masked for logs.
 */
public final class Phones {

    private Phones() {}

    /** The eleven-digit number, or an {@link IllegalArgumentException} saying why it is not one. */
    public static String mainlandMobile(String raw) {
        String phone = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
                throw new IllegalArgumentException("is not a phone number");
            }
        }
        String d = digits.toString();
        if (d.length() == 13 && d.startsWith("86")) {
            d = d.substring(2);
        } else if (d.length() == 15 && d.startsWith("0086")) {
            d = d.substring(4);
        }
        if (d.length() != 11 || d.charAt(0) != '1') {
            throw new IllegalArgumentException("is not an 11-digit mainland mobile number");
        }
        return d;
    }

    /** The number as a PHONE identifier's value: E.164, e.g. +8613812345678. */
    public static String e164(String phone) {
        return "+86" + mainlandMobile(phone);
    }

    /** 13812345678 -> 138****5678: enough for a person to recognise, never an identifier. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return "***";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
