package io.omnihub.hub.pricing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The manual tasks a promotion leaves for a person (a channel without a price API), and their state. */
@Repository
public class ManualTasks {

    private final JdbcClient jdbc;

    public ManualTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tasks in one state, the earliest due first. */
    public List<Map<String, Object>> inState(ManualTaskState state) {
        return jdbc.sql("""
                        SELECT id, promotion_id, channel_id, action, due_at, description, state, done_at FROM manual_task
                         WHERE state = :st ORDER BY due_at, id
                        """)
                .param("st", state.name())
                .query((rs, n) -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", rs.getLong(1));
                    t.put("promotionId", rs.getString(2));
                    t.put("channelId", rs.getString(3));
                    t.put("action", rs.getString(4));
                    t.put("dueAt", rs.getTimestamp(5).toInstant().toString());
                    t.put("description", rs.getString(6));
                    t.put("state", rs.getString(7));
                    t.put(
                            "doneAt",
                            rs.getTimestamp(8) == null
                                    ? null
                                    : rs.getTimestamp(8).toInstant().toString());
                    return t;
                })
                .list();
    }

    /** Marks an open task done; false when there is no open task of that id. */
    public boolean done(long id) {
        return jdbc.sql("UPDATE manual_task SET state = 'DONE', done_at = now() WHERE id = :id AND state = 'OPEN'")
                        .param("id", id)
                        .update()
                == 1;
    }
}
