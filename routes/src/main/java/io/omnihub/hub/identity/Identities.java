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
        Map<String, Order> orders = new HashMap<>();
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
        List<IdentityGraph.Resolution> resolved = graph.apply(evidence);
        Map<String, Customer.Change> changed = new HashMap<>();
        Map<String, List<String>> merged = new HashMap<>();
        for (IdentityGraph.Resolution r : resolved) {
            Order o = orders.get(r.eventId());
            if (o != null) {
                jdbc.sql("UPDATE orders SET customer_id = :c WHERE channel_id = :ch AND channel_order_id = :id")
                        .param("c", r.customerId()).param("ch", o.channelId()).param("id", o.channelOrderId()).update();
            }
            changed.merge(r.customerId(), r.change(), (a, b) -> a == Customer.Change.CREATED ? a
                    : b == Customer.Change.MERGED ? b : a);
            merged.computeIfAbsent(r.customerId(), c -> new ArrayList<>()).addAll(r.mergedIds());
        }
        publish(changed, merged);
        return resolved.size();
    }

    /** Puts the golden records in the inbox for hub.customers. */
    void publish(Map<String, Customer.Change> changed, Map<String, List<String>> merged) {
        List<Event> events = new ArrayList<>();
        changed.forEach((id, change) -> graph.customer(id, change, merged.getOrDefault(id, List.of()))
                .ifPresent(c -> events.add(new Event(UUID.randomUUID().toString(), "identity", "customers",
                        c.customerId(), "", HubJson.write(c)))));
        inbox.acceptOnce("identity", events);
    }

    @Transactional
    public boolean undo(String mergeId) {
        return graph.undo(mergeId).map(r -> {
            Map<String, Customer.Change> changed = new HashMap<>();
            changed.put(r.customerId(), Customer.Change.SPLIT);
            r.mergedIds().forEach(a -> changed.put(a, Customer.Change.SPLIT));
            publish(changed, Map.of(r.customerId(), r.mergedIds()));
            return true;
        }).orElse(false);
    }

    @Transactional
    public List<String> erase(String customerId) {
        List<String> members = graph.erase(customerId);
        Map<String, Customer.Change> changed = new HashMap<>();
        members.forEach(m -> changed.put(m, Customer.Change.ERASED));
        publish(changed, Map.of());
        return members;
    }
}
