package io.omnihub.hub.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds canonical events to the identity graph: member events and the buyers of orders. In the
 * same transaction, an order gets its customer (or, when its buyer has no identifier at all, the
 * reason it has none); once it commits, every created, updated or merged customer's golden record
 * goes to {@code hub.customers} through {@link CustomerFeed}. Links the rules refused are counted
 * by reason in {@code hub_identity_links_refused_total}.
 */
@Service
public class Identities {

    private final IdentityGraph graph;
    private final IdentityReads reads;
    private final CustomerFeed feed;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final BatchSteps steps;
    private final CustomerFeed.Unsent unsent;

    Identities(
            IdentityGraph graph,
            IdentityReads reads,
            CustomerFeed feed,
            JdbcClient jdbc,
            MeterRegistry meters,
            BatchSteps steps,
            PlatformTransactionManager tx) {
        this.graph = graph;
        this.reads = reads;
        this.feed = feed;
        this.jdbc = jdbc;
        this.meters = meters;
        this.steps = steps;
        TransactionTemplate held = new TransactionTemplate(tx);
        // with the graph held, as a batch holds it: read in order with the batches, by one hub at a time
        this.unsent = after -> held.execute(x -> {
            long upTo = graph.hold();
            return new CustomerFeed.Resend(upTo, reads.changedBetween(after, upTo));
        });
    }

    /** Canonical JSON from hub.members or hub.orders; returns how many events changed a customer. */
    @Transactional
    public int apply(List<String> canonicalJson) {
        long t = System.nanoTime();
        List<IdentityEvidence> evidence = new ArrayList<>();
        Map<String, Order> orders = new LinkedHashMap<>();
        List<String[]> owners = new ArrayList<>(); // channel, order id, customer record, or null and why not
        // read and normalized on both cores (a third of a batch's time on one); decided in order below
        Parsed[] parsed = canonicalJson.parallelStream().map(Identities::parse).toArray(Parsed[]::new);
        for (Parsed p : parsed) {
            if (p.evidence() != null) {
                evidence.add(p.evidence());
                if (p.order() != null) {
                    orders.put(p.evidence().eventId(), p.order());
                }
            } else if (p.order() != null) {
                owners.add(new String[] {p.order().channelId(), p.order().channelOrderId(), null, "no identifier"});
            }
        }
        t = steps.took("parse", t);
        IdentityGraph.Applied applied = graph.apply(evidence);
        t = System.nanoTime();
        orders.forEach((eventId, o) -> {
            String member = applied.memberOfEvent().get(eventId);
            String unresolved = applied.unresolvedOfEvent().get(eventId);
            if (member != null || unresolved != null) { // neither: applied before, the order has its customer
                owners.add(new String[] {o.channelId(), o.channelOrderId(), member, unresolved});
            }
        });
        // the record, not the golden id: a later merge or split moves the order with it; a later
        // version of the order that names nobody keeps the customer an earlier one had
        if (!owners.isEmpty()) {
            jdbc.sql("""
                            UPDATE orders o SET customer_id = COALESCE(x.c, o.customer_id),
                                   customer_unresolved = CASE WHEN COALESCE(x.c, o.customer_id) IS NULL THEN x.r END
                              FROM unnest(CAST(:ch AS text[]), CAST(:id AS text[]), CAST(:c AS text[]), CAST(:r AS text[]))
                                   AS x(ch, id, c, r)
                             WHERE o.channel_id = x.ch AND o.channel_order_id = x.id
                            """)
                    .param("ch", owners.stream().map(x -> x[0]).toArray(String[]::new))
                    .param("id", owners.stream().map(x -> x[1]).toArray(String[]::new))
                    .param("c", owners.stream().map(x -> x[2]).toArray(String[]::new))
                    .param("r", owners.stream().map(x -> x[3]).toArray(String[]::new))
                    .update();
        }
        t = steps.took("orders", t);
        countAfterCommit(evidence.size(), applied);
        publish(applied);
        steps.took("publish", t);
        return applied.memberOfEvent().size();
    }

    /** A canonical event as identity evidence: a member event, or an order (whose evidence is null without identifier). */
    private record Parsed(IdentityEvidence evidence, Order order) {}

    private static Parsed parse(String json) {
        if (json.contains("\"schema\":\"" + MemberEvent.SCHEMA + "\"")) {
            return new Parsed(IdentityEvidence.of(HubJson.read(json, MemberEvent.class)), null);
        }
        if (json.contains("\"schema\":\"" + Order.SCHEMA + "\"")) {
            Order o = HubJson.read(json, Order.class);
            return new Parsed(IdentityEvidence.of(o).orElse(null), o);
        }
        return new Parsed(null, null);
    }

    /**
     * Events resolved, golden customers created / updated / merged / split, and links refused by
     * reason, counted once the batch commits: a batch retried after a rollback is not counted twice.
     */
    private void countAfterCommit(int events, IdentityGraph.Applied applied) {
        Runnable count = () -> {
            meters.counter("hub.identity.events.resolved").increment(events);
            applied.changes()
                    .values()
                    .forEach(c -> meters.counter(
                                    "hub.identity.customers.changed",
                                    "change",
                                    c.name().toLowerCase(java.util.Locale.ROOT))
                            .increment());
            applied.refused()
                    .forEach(r -> meters.counter(
                                    "hub.identity.links.refused",
                                    "reason",
                                    r.reason().tag())
                            .increment());
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /**
     * The golden records the change made, read now (the graph is held until the transaction ends)
     * and sent once it commits, after any that Kafka has not acknowledged yet.
     */
    void publish(IdentityGraph.Applied applied) {
        long t = System.nanoTime();
        Map<String, Customer> records = reads.customers(applied.changes(), applied.mergedIds());
        steps.took("publish.read", t);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                feed.committed(applied.seq(), records, unsent);
            }
        });
    }

    @Transactional
    public boolean undo(String mergeId) {
        return graph.undo(mergeId)
                .map(r -> {
                    publish(r);
                    return true;
                })
                .orElse(false);
    }

    @Transactional
    public List<String> erase(String customerId) {
        IdentityGraph.Erased erased = graph.erase(customerId);
        publish(erased.applied());
        return erased.records();
    }

    /** Has the golden records of entries Kafka has not acknowledged sent (after a crash, or while it was away). */
    public void publishUnsent() {
        feed.check(unsent);
    }
}
