package io.omnihub.hub.pos;

import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.inbox.Inbox.Event;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.pos.PosRows;
import io.omnihub.mappings.pos.PosRows.SaleLine;
import io.omnihub.mappings.pos.PosRows.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A POS file's rows into the inbox, one batch per transaction. Every row's event id is its
 * business key (receipt line, count, member row), so a row seen before, in this file or any
 * earlier one, is stored once and changes nothing. A receipt gets its new lines added to what is
 * stored of it, so a receipt split across batches or files still comes out whole.
 */
@Repository
public class PosInbox {

    /** A processed file, recognised by its content. */
    public record ProcessedFile(String fileName, java.time.Instant processedAt) {}

    private final Inbox inbox;
    private final OrderStore orders;
    private final JdbcClient jdbc;

    public PosInbox(Inbox inbox, OrderStore orders, JdbcClient jdbc) {
        this.inbox = inbox;
        this.orders = orders;
        this.jdbc = jdbc;
    }

    /**
     * Stores the receipt lines not seen before as stock movements, and their receipts as orders.
     * {@code raw} holds each line's raw-row payload, in the same order. Returns how many were new.
     */
    @Transactional
    public int sales(Store store, List<SaleLine> lines, List<String> raw) {
        List<Event> movements = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SaleLine l = lines.get(i);
            movements.add(new Event(
                    PosRows.lineKey(store, l),
                    store.instanceId(),
                    "stock",
                    l.sku(),
                    raw.get(i),
                    HubJson.write(PosRows.movement(store, l))));
        }
        Set<String> fresh = inbox.acceptOnce(store.instanceId(), movements);
        Map<String, List<SaleLine>> added = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (fresh.contains(movements.get(i).id())) {
                added.computeIfAbsent(lines.get(i).receiptNo(), r -> new ArrayList<>())
                        .add(lines.get(i));
            }
        }
        if (added.isEmpty()) {
            return 0;
        }
        Map<String, String> orderIds = new LinkedHashMap<>();
        added.keySet().forEach(r -> orderIds.put(r, PosRows.receiptOrderId(store, r)));
        Map<String, Order> stored = orders.find(store.instanceId(), orderIds.values());
        List<Order> receipts = new ArrayList<>(added.size());
        added.forEach((receiptNo, newLines) ->
                receipts.add(PosRows.receipt(store, receiptNo, stored.get(orderIds.get(receiptNo)), newLines)));
        orders.saveForInbox(receipts);
        // the receipt's rows are on hub.raw already, with their movements: no raw payload here
        inbox.acceptOnce(
                store.instanceId(),
                receipts.stream()
                        .map(o -> new Event(
                                UUID.randomUUID().toString(),
                                store.instanceId(),
                                "orders",
                                o.key(),
                                "",
                                HubJson.write(o)))
                        .toList());
        return fresh.size();
    }

    /** Stores the events not seen before (counts, member rows); returns how many were new. */
    @Transactional
    public int events(String channelId, List<Event> events) {
        return inbox.acceptOnce(channelId, events).size();
    }

    public Optional<ProcessedFile> processed(String channelId, String sha256) {
        return jdbc.sql("SELECT file_name, processed_at FROM pos_file WHERE channel_id = :c AND sha256 = :s")
                .param("c", channelId)
                .param("s", sha256)
                .query((rs, n) ->
                        new ProcessedFile(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    /** Whether a file of this name with other content was processed before. */
    public boolean nameTaken(String channelId, String fileName) {
        return jdbc.sql("SELECT count(*) FROM pos_file WHERE channel_id = :c AND file_name = :n")
                        .param("c", channelId)
                        .param("n", fileName)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public void recordFile(
            String channelId,
            String sha256,
            String fileName,
            String type,
            String store,
            long bytes,
            PosDropOutcome.Counts counts) {
        jdbc.sql("""
                        INSERT INTO pos_file (channel_id, sha256, file_name, file_type, store_code, bytes,
                                              rows_total, rows_accepted, rows_repeated, rows_rejected)
                        VALUES (:c, :s, :n, :t, :store, :b, :total, :accepted, :repeated, :rejected)
                        ON CONFLICT DO NOTHING
                        """)
                .param("c", channelId)
                .param("s", sha256)
                .param("n", fileName)
                .param("t", type)
                .param("store", store)
                .param("b", bytes)
                .param("total", counts.total())
                .param("accepted", counts.accepted())
                .param("repeated", counts.repeated())
                .param("rejected", counts.rejected())
                .update();
    }
}
