package io.omnihub.connectors;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests platform signatures are built from, over UTF-8 text. */
public final class Digests {

    private Digests() {}

    public static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmacMd5(String key, String text) {
        return hmac("HmacMD5", key.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(String key, String text) {
        return hmac("HmacSHA256", key.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String upperHex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    public static String lowerHex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Compares signatures in constant time, ignoring hex case. */
    public static boolean sameSignature(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.toUpperCase().getBytes(StandardCharsets.US_ASCII),
                given.toUpperCase().getBytes(StandardCharsets.US_ASCII));
    }
}
