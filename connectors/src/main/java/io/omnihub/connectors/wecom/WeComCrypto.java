package io.omnihub.connectors.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeCom's callback encryption ("加解密方案"): {@code msg_signature} is the SHA-1 hex of token,
 * timestamp, nonce and the encrypted text sorted and joined; the text is AES-256-CBC with the key
 * {@code Base64(EncodingAESKey + "=")} and the key's first 16 bytes as IV; the plaintext is 16 random
 * bytes, the message length (4 bytes, big-endian), the message and the receive id (the corp id),
 * padded PKCS#7-style to a multiple of <b>32</b> bytes, so Java's PKCS5Padding (16) cannot be used.
 */
public final class WeComCrypto {

    private static final int BLOCK = 32;

    /** A decrypted message and the receive id it was addressed to. */
    public record Decrypted(String message, String receiveId) {}

    /** A refused callback: wrong signature, key or receive id, or bytes that do not decrypt. */
    public static final class WeComException extends RuntimeException {
        public WeComException(String message) {
            super(message);
        }
    }

    private final String token;
    private final byte[] key;
    private final String receiveId;

    public WeComCrypto(String token, String encodingAesKey, String receiveId) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("EncodingAESKey must be 43 characters");
        }
        this.token = token;
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.receiveId = receiveId;
    }

    public static String signature(String token, String timestamp, String nonce, String encrypted) {
        String[] parts = {token, timestamp, nonce, encrypted};
        Arrays.sort(parts);
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** URL verification: checks the signature over {@code echostr} and returns its plaintext, the answer WeCom expects. */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) {
        return open(msgSignature, timestamp, nonce, echostr);
    }

    /** A callback's {@code Encrypt} element, checked and opened: the event XML. */
    public String open(String msgSignature, String timestamp, String nonce, String encrypted) {
        if (msgSignature == null
                || !MessageDigest.isEqual(
                        signature(token, timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII),
                        msgSignature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw new WeComException("msg_signature does not match");
        }
        Decrypted d = decrypt(encrypted);
        if (!d.receiveId().equals(receiveId)) {
            throw new WeComException("addressed to " + d.receiveId() + ", not " + receiveId);
        }
        return d.message();
    }

    public Decrypted decrypt(String base64) {
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            plain = aes.doFinal(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WeComException("cannot decrypt: " + e.getMessage());
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length - 20) {
            throw new WeComException("bad padding");
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new WeComException("bad message length");
        }
        return new Decrypted(
                new String(plain, 20, length, StandardCharsets.UTF_8),
                new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8));
    }

    /** Encrypts a message for this receive id with the given 16 random bytes (a reply, or a simulator's push). */
    public String encrypt(String message, byte[] random16) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + msg.length + id.length;
        int pad = BLOCK - unpadded % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16, 0, 16).putInt(msg.length).put(msg).put(id);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token() {
        return token;
    }
}
