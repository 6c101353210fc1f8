package io.omnihub.hub.partner;

import io.omnihub.hub.inbox.Inbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner request's receipt with the hash of the request it answered, so that an
 * {@code Idempotency-Key} sent again with another body is told apart from a retry (contract §4:
 * the same body gets the first answer, a different one 422). The receipt itself is the
 * {@link Inbox}'s; the hash is written in the same transaction, so no receipt is ever seen without it.
 */
@Repository
public class PartnerReceipts {

    /** The first answer given under a receipt key and the hash of the request it answered (null before V11). */
    public record Receipt(Inbox.Answer answer, String requestSha256) {

        public boolean answers(String sha256) {
            return requestSha256 == null || requestSha256.equals(sha256);
        }
    }

    private final JdbcClient jdbc;
    private final Inbox inbox;

    public PartnerReceipts(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    /** What a receipt remembers of a request: the kind it was sent to and its raw body. */
    public static String requestSha256(String kind, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Receipt> find(String channelId, String receiptKey) {
        return jdbc.sql("""
                        SELECT status, response, request_sha256 FROM webhook_receipt
                         WHERE channel_id = :c AND receipt_key = :k
                        """)
                .param("c", channelId)
                .param("k", receiptKey)
                .query((rs, n) -> new Receipt(new Inbox.Answer(rs.getInt(1), rs.getString(2)), rs.getString(3)))
                .optional();
    }

    /** {@link Inbox#accept}, with the request's hash stored on its receipt in the same transaction. */
    @Transactional
    public Optional<Inbox.Event> accept(
            String channelId, String receiptKey, String requestSha256, String kind, Object canonical, String payload) {
        Optional<Inbox.Event> event = inbox.accept(channelId, receiptKey, kind, canonical, payload);
        if (event.isPresent()) {
            jdbc.sql("UPDATE webhook_receipt SET request_sha256 = :h WHERE channel_id = :c AND receipt_key = :k")
                    .param("h", requestSha256)
                    .param("c", channelId)
                    .param("k", receiptKey)
                    .update();
        }
        return event;
    }
}
