package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the graph keeps of an identifier where the value itself must not stay: erasure tombstones,
 * merge evidence, the shared list's key and a weak key's full phone. Lower-case hex SHA-256.
 */
public final class IdentifierHash {

    /** One digest per thread: looking the provider up costs more than hashing a phone. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(IdentifierHash::sha256);

    private static final HexFormat HEX = HexFormat.of();

    private IdentifierHash() {}

    /** The hash of type, scope and value, NUL-separated (the form Flyway V6 computes in SQL too). */
    public static String of(Identifier id) {
        return sha256Hex(id.type() + "\u0000" + id.scope() + "\u0000" + id.value());
    }

    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
