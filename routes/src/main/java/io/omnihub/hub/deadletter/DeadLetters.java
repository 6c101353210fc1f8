package io.omnihub.hub.deadletter;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages the hub could not process, parked in PostgreSQL with a reason a person can read. */
@Repository
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void park(String instanceId, String stream, String key, String reason, String payload) {
        log.warn("Parked {} {} {}: {}", instanceId, stream, key, reason);
        jdbc.sql("""
                INSERT INTO dead_letter (instance_id, stream, message_key, reason, payload)
                VALUES (:i, :s, :k, :r, :p)
                """)
                .param("i", instanceId)
                .param("s", stream)
                .param("k", key)
                .param("r", reason)
                .param("p", payload)
                .update();
    }

    public List<Map<String, Object>> open(String instanceId) {
        return jdbc.sql("""
                SELECT id, stream, message_key, reason, created_at FROM dead_letter
                 WHERE instance_id = :i AND resolved_at IS NULL ORDER BY id
                """).param("i", instanceId).query().listOfRows();
    }
}
