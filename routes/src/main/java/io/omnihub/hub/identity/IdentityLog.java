package io.omnihub.hub.identity;

import java.util.function.BiConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The identity graph's durable form: {@code identity_log}, one row per resolved batch (or split,
 * undo, erasure), numbered without gaps by the single writer that holds the graph's lock. A batch
 * of thousands of events is one INSERT, where a table per fact cost a row per identifier, merge,
 * attribute and weak key (issue 17 measured 100 us an event for those, at best 48 us in PostgreSQL
 * alone, against 20,000 events/s wanted).
 */
@Repository
class IdentityLog {

    /** Entries a read of the log takes at once: a few megabytes. */
    static final int PAGE = 8;

    private final JdbcClient jdbc;

    IdentityLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(long seq, byte[] entry) {
        jdbc.sql("INSERT INTO identity_log (seq, entry) VALUES (:s, :e)")
                .param("s", seq)
                .param("e", entry)
                .update();
    }

    /**
     * The entries after {@code seq}, in order, read a page at a time: the driver would otherwise
     * hold the whole log in memory before the first entry is folded in (200 MB for 156,000 events).
     */
    void since(long seq, BiConsumer<Long, IdentityChange> each) {
        long[] last = {seq};
        int[] read = {PAGE};
        while (read[0] == PAGE) {
            read[0] = 0;
            jdbc.sql("SELECT seq, entry FROM identity_log WHERE seq > :s ORDER BY seq LIMIT " + PAGE)
                    .param("s", last[0])
                    .query(rs -> {
                        last[0] = rs.getLong(1);
                        read[0]++;
                        each.accept(last[0], IdentityLogCodec.decode(rs.getBytes(2)));
                    });
        }
    }

    /** Replaces an entry (an erasure takes the personal data out of the entries that held it). */
    void rewrite(long seq, IdentityChange change) {
        jdbc.sql("UPDATE identity_log SET entry = :e WHERE seq = :s")
                .param("s", seq)
                .param("e", IdentityLogCodec.encode(change))
                .update();
    }
}
