package io.omnihub.hub.identity;

import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API, the customer feed and the orders read of the identity graph: lookups, golden
 * records, merges, refusals and shared identifiers, from the graph's memory as the log has it now
 * ({@link IdentityGraph} writes; this reads).
 */
public class IdentityReads implements GoldenCustomers {

    private final IdentityGraph graph;
    private final IdentityLog identityLog;
    private final GoldenRecords records;

    IdentityReads(IdentityGraph graph, IdentityLog identityLog, GoldenRecords records) {
        this.graph = graph;
        this.identityLog = identityLog;
        this.records = records;
    }

    /** The golden customer an identifier belongs to, if any; shared identifiers belong to nobody. */
    public Optional<String> lookup(Identifier id) {
        return graph.read(t -> {
            if (t.isShared(id)) {
                return Optional.<String>empty();
            }
            return t.holder(id)
                    .map(h -> t.golden(h.record()))
                    .filter(g -> t.record(g).map(r -> r.erasedAt == null).orElse(false));
        });
    }

    /** Golden customers holding an identifier of this type and value in any scope (a card without its program). */
    public List<String> lookupAnyScope(Identifier.Type type, String value) {
        return graph.read(t -> t.scopes(type, value).stream()
                .map(scope -> t.holder(new Identifier(type, value, scope)))
                .flatMap(Optional::stream)
                .map(h -> t.golden(h.record()))
                .distinct()
                .toList());
    }

    public boolean isShared(Identifier id) {
        return graph.read(t -> t.isShared(id));
    }

    public Optional<Customer> customer(String customerId) {
        return graph.read(t -> {
            String golden = t.golden(customerId);
            return Optional.ofNullable(records.of(t, golden, Customer.Change.UPDATED, List.of()))
                    .map(c -> new Customer(
                            c.schema(),
                            c.customerId(),
                            c.identifiers(),
                            c.attributes(),
                            c.createdAt(),
                            c.updatedAt(),
                            null,
                            List.of()));
        });
    }

    /**
     * Golden records in bulk, as published on {@code hub.customers}: each golden customer's whole
     * cluster of identifiers and the surviving attributes with their provenance.
     */
    public Map<String, Customer> customers(Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds) {
        if (changes.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return graph.read(t -> {
            Map<String, Customer> out = new LinkedHashMap<>();
            changes.forEach((id, change) -> {
                Customer c = records.of(t, id, change, mergedIds.getOrDefault(id, List.of()));
                if (c != null) {
                    out.put(id, c);
                }
            });
            return out;
        });
    }

    public List<IdentityGraph.Merge> merges(String customerId) {
        return graph.read(t -> t.mergesOf(t.golden(customerId)).stream()
                .map(m -> new IdentityGraph.Merge(
                        m.merge.mergeId(),
                        m.merge.survivor(),
                        m.merge.absorbed(),
                        m.merge.evidence(),
                        m.mergedAt,
                        m.undoneAt,
                        m.undoneReason))
                .toList());
    }

    /**
     * The links refused to a golden customer's records, oldest first: why each stands apart from
     * the customer it would have joined (that one's golden id now).
     */
    public List<Map<String, Object>> linksRefused(String customerId) {
        return graph.read(t -> t.refusedOf(t.golden(customerId)).stream()
                .map(x -> {
                    IdentityChange.Refused r = x.refused();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("reason", r.reason());
                    row.put("detail", r.detail());
                    row.put("identifier", r.identifier());
                    if (r.otherId() != null && t.record(r.otherId()).isPresent()) {
                        row.put("notJoinedTo", t.golden(r.otherId()));
                    }
                    row.put("eventId", r.eventId());
                    row.put("refusedAt", x.refusedAt().toString());
                    row.put("record", r.record());
                    return row;
                })
                .toList());
    }

    public List<Map<String, Object>> shared() {
        return graph.read(t -> t.shared().stream()
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("type", s.identifier().type().name());
                    row.put("scope", s.identifier().scope());
                    row.put("value", MergeEvidence.mask(s.identifier()));
                    row.put("reason", s.reason());
                    row.put("markedAt", s.markedAt().toString());
                    return row;
                })
                .toList());
    }

    /**
     * The golden records the entries after {@code after} up to {@code upTo} changed, as they are now
     * and as those entries told them (merged ids included); a customer since absorbed is left to
     * the golden record that took it in.
     */
    public Map<String, Customer> changedBetween(long after, long upTo) {
        Map<String, Customer.Change> changes = new LinkedHashMap<>();
        Map<String, List<String>> mergedIds = new LinkedHashMap<>();
        identityLog.since(after, (s, e) -> {
            if (s <= upTo) {
                e.changes().forEach((g, c) -> changes.merge(g, Customer.Change.valueOf(c), IdentityReads::later));
                e.mergedIds()
                        .forEach((g, ids) -> mergedIds
                                .computeIfAbsent(g, k -> new ArrayList<>())
                                .addAll(ids));
            }
        });
        return graph.read(t -> {
            Map<String, Customer> out = new LinkedHashMap<>();
            changes.forEach((id, change) -> {
                if (t.golden(id).equals(id)) {
                    Customer c = records.of(
                            t,
                            id,
                            change,
                            mergedIds.getOrDefault(id, List.of()).stream()
                                    .distinct()
                                    .toList());
                    if (c != null) {
                        out.put(id, c);
                    }
                }
            });
            return out;
        });
    }

    /** Two changes of one customer told as one: the later, but created stays created until erased. */
    private static Customer.Change later(Customer.Change earlier, Customer.Change later) {
        return earlier == Customer.Change.CREATED && later != Customer.Change.ERASED ? earlier : later;
    }

    /** How many golden customers there are, erased ones not counted. */
    public long goldenCustomers() {
        return graph.read(IdentityTables::goldenCustomers);
    }

    /** How many phones and e-mails are shared, and so link nobody. */
    public long sharedIdentifiers() {
        return graph.read(t -> (long) t.shared().size());
    }

    /** The golden customer a customer record belongs to (itself when unknown). */
    @Override
    public String golden(String customerId) {
        return graph.read(t -> t.golden(customerId));
    }
}
