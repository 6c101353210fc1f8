package io.omnihub.hub.pricing;

import io.omnihub.mappings.model.Promotion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Promotions and where they stand: SCHEDULED, RUNNING, ENDED or CANCELLED. */
@Repository
public class PromotionStore {

    private static final String COLUMNS =
            "promotion_id, type, channels, skus, starts_at, ends_at, stacking, amount_fen, threshold_fen, state";

    /** A promotion and its state. */
    public record Stored(Promotion promotion, PromotionState state) {}

    private final JdbcClient jdbc;

    public PromotionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Running or still to run: what a new promotion is checked against. */
    public List<Promotion> open() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM promotion WHERE state IN ('SCHEDULED', 'RUNNING')")
                .query((rs, n) -> promotion(rs))
                .list();
    }

    public List<Promotion> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM promotion WHERE state = 'RUNNING'")
                .query((rs, n) -> promotion(rs))
                .list();
    }

    public Optional<Stored> find(String promotionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM promotion WHERE promotion_id = :id")
                .param("id", promotionId)
                .query((rs, n) -> new Stored(promotion(rs), PromotionState.valueOf(rs.getString("state"))))
                .optional();
    }

    public List<Stored> list(PromotionState state) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM promotion WHERE (CAST(:st AS text) IS NULL OR state = :st) ORDER BY starts_at, promotion_id")
                .param("st", state == null ? null : state.name())
                .query((rs, n) -> new Stored(promotion(rs), PromotionState.valueOf(rs.getString("state"))))
                .list();
    }

    public void insert(Promotion p) {
        jdbc.sql("""
                        INSERT INTO promotion (promotion_id, type, channels, skus, starts_at, ends_at, stacking, amount_fen,
                                               threshold_fen, state, created_at)
                        VALUES (:id, :type, :ch, :skus, :from, :to, :stacking, :amount, :threshold, 'SCHEDULED', now())
                        """)
                .param("id", p.promotionId())
                .param("type", p.type().name())
                .param("ch", p.channels().toArray(String[]::new))
                .param("skus", p.skus().toArray(String[]::new))
                .param("from", Timestamp.from(p.startsAt()))
                .param("to", Timestamp.from(p.endsAt()))
                .param("stacking", p.stacking().name())
                .param("amount", p.amountFen())
                .param("threshold", p.thresholdFen())
                .update();
    }

    /** Marks as running the scheduled promotions whose start has come, and returns them. */
    public List<Promotion> startDue(Instant now) {
        return jdbc.sql(
                        "UPDATE promotion SET state = 'RUNNING', started_at = :now WHERE state = 'SCHEDULED' AND starts_at <= :now"
                                + " AND ends_at > :now RETURNING " + COLUMNS)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> promotion(rs))
                .list();
    }

    /** Marks as ended the promotions whose end has come (run or, if the hub was down throughout, not), and returns them. */
    public List<Promotion> endDue(Instant now) {
        return jdbc.sql("UPDATE promotion SET state = 'ENDED', ended_at = :now WHERE state IN ('SCHEDULED', 'RUNNING')"
                        + " AND ends_at <= :now RETURNING " + COLUMNS)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> promotion(rs))
                .list();
    }

    /** @return whether it was open (scheduled or running) and is now cancelled */
    public boolean cancel(String promotionId) {
        return jdbc.sql("UPDATE promotion SET state = 'CANCELLED', ended_at = now() WHERE promotion_id = :id"
                                + " AND state IN ('SCHEDULED', 'RUNNING')")
                        .param("id", promotionId)
                        .update()
                == 1;
    }

    private static Promotion promotion(ResultSet rs) throws SQLException {
        return new Promotion(
                Promotion.SCHEMA,
                rs.getString("promotion_id"),
                Promotion.Type.valueOf(rs.getString("type")),
                Arrays.asList((String[]) rs.getArray("channels").getArray()),
                Arrays.asList((String[]) rs.getArray("skus").getArray()),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                Promotion.Stacking.valueOf(rs.getString("stacking")),
                rs.getLong("amount_fen"),
                rs.getLong("threshold_fen"));
    }
}
