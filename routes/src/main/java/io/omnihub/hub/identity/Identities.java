package io.omnihub.hub.identity;

import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.inbox.Inbox.Event;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds canonical events to the identity graph: member events and the buyers of orders. In the
 * same transaction, an order gets its golden customer id and every created, updated or merged
 * customer is put in the inbox for {@code hub.customers}.
 */
@Service
public class Identities {

    private final IdentityGraph graph;
    private final Inbox inbox;
    private final JdbcClient jdbc;

    public Identities(IdentityGraph graph, Inbox inbox, JdbcClient jdbc) {
        this.graph = graph;
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    /** Canonical JSON from hub.members or hub.orders; returns how many events changed a customer. */
    @Transactional
    public int apply(List<String> canonicalJson) {
        List<IdentityEvidence> evidence = new ArrayList<>();
        Map<String, Order> orders = new LinkedHashMap<>();
        for (String json : canonicalJson) {
            if (json.contains("\"schema\":\"" + MemberEvent.SCHEMA + "\"")) {
                evidence.add(IdentityEvidence.of(HubJson.read(json, MemberEvent.class)));
            } else if (json.contains("\"schema\":\"" + Order.SCHEMA + "\"")) {
                Order o = HubJson.read(json, Order.class);
                IdentityEvidence.of(o).ifPresent(e -> {
                    evidence.add(e);
                    orders.put(e.eventId(), o);
                });
            }
        }
        IdentityGraph.Applied applied = graph.apply(evidence);
        List<String[]> owners = new ArrayList<>();
        orders.forEach((eventId, o) -> {
            String member = applied.memberOfEvent().get(eventId);
            if (member != null) {
                owners.add(new String[] {o.channelId(), o.channelOrderId(), member});
            }
        });
        if (!owners.isEmpty()) { // the record, not the golden id: a later merge or split moves the order with it
            jdbc.sql("""
                            UPDATE orders o SET customer_id = x.c
                              FROM unnest(CAST(:ch AS text[]), CAST(:id AS text[]), CAST(:c AS text[])) AS x(ch, id, c)
                             WHERE o.channel_id = x.ch AND o.channel_order_id = x.id
                            """)
                    .param("ch", owners.stream().map(x -> x[0]).toArray(String[]::new))
                    .param("id", owners.stream().map(x -> x[1]).toArray(String[]::new))
                    .param("c", owners.stream().map(x -> x[2]).toArray(String[]::new))
                    .update();
        }
        publish(applied.changes(), applied.mergedIds());
        return applied.memberOfEvent().size();
    }

    /** Puts the golden records in the inbox for hub.customers, in one insert. */
    void publish(Map<String, Customer.Change> changed, Map<String, List<String>> merged) {
        List<Event> events = new ArrayList<>();
        graph.customers(changed, merged).values().forEach(c -> events.add(new Event(UUID.randomUUID().toString(),
                "identity", "customers", c.customerId(), "", HubJson.write(c))));
        inbox.acceptOnce("identity", events);
    }

    @Transactional
    public boolean undo(String mergeId) {
        return graph.undo(mergeId).map(r -> {
            publish(r.changes(), r.mergedIds());
            return true;
        }).orElse(false);
    }

    @Transactional
    public List<String> erase(String customerId) {
        List<String> members = graph.erase(customerId);
        Map<String, Customer.Change> changed = new HashMap<>();
        changed.put(graph.golden(customerId), Customer.Change.ERASED);
        publish(changed, Map.of());
        return members;
    }
}
