package io.omnihub.hub.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** How far each instance's pull of each stream has got, and the windows it pulled, kept in PostgreSQL. */
@Repository
public class Watermarks {

    private final JdbcClient jdbc;

    public Watermarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> get(String instanceId, String stream) {
        return jdbc.sql("SELECT watermark FROM pull_watermark WHERE instance_id = :i AND stream = :s")
                .param("i", instanceId)
                .param("s", stream)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /**
     * Moves the watermark forward (never back) and logs the completed window, if this hub still
     * leads the instance with {@code epoch}: a hub that lost the shop meanwhile is refused
     * ({@link LeadershipLostException}) and its window is pulled again by the new leader.
     */
    @Transactional
    public void advance(
            String instanceId,
            String stream,
            long epoch,
            Instant windowStart,
            Instant windowEnd,
            int received,
            long reportedTotal,
            long gap) {
        int advanced = jdbc.sql("""
                INSERT INTO pull_watermark (instance_id, stream, watermark)
                SELECT :i, :s, :w
                 WHERE EXISTS (SELECT 1 FROM cluster_leadership WHERE namespace = :i AND epoch = :e)
                ON CONFLICT (instance_id, stream) DO UPDATE
                   SET watermark = GREATEST(pull_watermark.watermark, EXCLUDED.watermark), updated_at = now()
                """)
                .param("i", instanceId)
                .param("s", stream)
                .param("w", Timestamp.from(windowEnd))
                .param("e", epoch)
                .update();
        if (advanced == 0) {
            throw new LeadershipLostException(instanceId, epoch);
        }
        jdbc.sql("""
                INSERT INTO pull_window (instance_id, stream, window_start, window_end, received, reported_total, gap)
                VALUES (:i, :s, :from, :to, :n, :reported, :gap)
                """)
                .param("i", instanceId)
                .param("s", stream)
                .param("from", Timestamp.from(windowStart))
                .param("to", Timestamp.from(windowEnd))
                .param("n", received)
                .param("reported", reportedTotal)
                .param("gap", gap)
                .update();
    }

    /** The latest completed windows of an instance's order pull, newest first, with their count check. */
    public List<Map<String, Object>> recentWindows(String instanceId, int limit) {
        return jdbc.sql("""
                        SELECT id, window_start, window_end, received, reported_total, gap, completed_at
                          FROM pull_window WHERE instance_id = :i AND stream = 'orders' ORDER BY id DESC LIMIT :n
                        """).param("i", instanceId).param("n", limit).query().listOfRows();
    }

    /** A completed window of an instance, by its id. */
    public Optional<Window> window(String instanceId, long windowId) {
        return jdbc.sql("SELECT window_start, window_end FROM pull_window WHERE id = :id AND instance_id = :i")
                .param("id", windowId)
                .param("i", instanceId)
                .query((rs, n) -> new Window(
                        rs.getTimestamp("window_start").toInstant(),
                        rs.getTimestamp("window_end").toInstant()))
                .optional();
    }

    /** A pulled window of modified times, [from, to). */
    public record Window(Instant from, Instant to) {}
}
