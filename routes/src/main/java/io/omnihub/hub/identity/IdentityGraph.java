package io.omnihub.hub.identity;

import io.omnihub.connectors.Digests;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.identity.IdentityRules;
import io.omnihub.mappings.identity.Survivorship;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity graph in PostgreSQL: one golden customer per person. Strong identifiers link
 * deterministically; when an event's identifiers belong to several customers they are merged,
 * unless the merged customer would break a limit of {@link IdentityRules} (two cards of one
 * program) or the pair was kept apart by an undo, and then the weaker link is dropped. A phone or
 * e-mail seen with too many distinct anchors is marked shared and links nothing from then on.
 *
 * <p>Events are applied one transaction per batch, under one advisory lock: two events for one
 * person, from any partition or hub instance, can never both create a customer.
 */
@Repository
public class IdentityGraph {

    private static final long GRAPH_LOCK = 0x0_1d3e_7172L;

    /** What an event did: the golden customer it resolved to and the change it made. */
    public record Resolution(String eventId, String customerId, Customer.Change change, List<String> mergedIds) {
    }

    /** A merge as the API shows it. */
    public record Merge(String mergeId, String survivorId, String absorbedId, String evidence, Instant mergedAt,
                        Instant undoneAt) {
    }

    private static final RowMapper<Merge> MERGE = (rs, n) -> new Merge(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());

    private final JdbcClient jdbc;
    private final IdentityRules rules;
    private final Survivorship survivorship;
    private final Function<String, String> sourceType;

    public IdentityGraph(JdbcClient jdbc, IdentityRules rules, Survivorship survivorship,
                         Function<String, String> sourceType) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.survivorship = survivorship;
        this.sourceType = sourceType;
    }

    @Transactional
    public List<Resolution> apply(List<IdentityEvidence> batch) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", GRAPH_LOCK).query(Object.class).single();
        List<Resolution> out = new ArrayList<>();
        for (IdentityEvidence e : batch) {
            resolve(e).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Resolution> resolve(IdentityEvidence e) {
        int fresh = jdbc.sql("INSERT INTO identity_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", e.eventId()).update();
        if (fresh == 0) {
            return Optional.empty(); // applied before: a replay or redelivery changes nothing
        }
        List<Identifier> ids = new ArrayList<>(e.identifiers());
        ids.removeIf(this::erased);
        markShared(ids);
        ids.removeIf(this::isShared);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        ids.sort(IdentityRules.STRONGEST_FIRST);
        Map<Identifier, String> owners = owners(ids);
        List<String> roots = new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(owners::containsKey)
                .map(i -> root(owners.get(i))).toList()));
        Customer.Change change;
        String target;
        List<String> merged = new ArrayList<>();
        Set<Identifier> cluster = new HashSet<>();
        if (roots.isEmpty()) {
            target = "C-" + UUID.randomUUID();
            jdbc.sql("INSERT INTO customer (customer_id, created_at, updated_at) VALUES (:id, clock_timestamp(), clock_timestamp())")
                    .param("id", target).update();
            change = Customer.Change.CREATED;
        } else {
            // which customers this event joins: taken strongest link first, each kept only if the
            // joined customer stays within the limits and the pair was not kept apart
            List<String> group = new ArrayList<>(List.of(roots.get(0)));
            cluster.addAll(identifiers(members(roots.get(0))));
            for (String other : roots.subList(1, roots.size())) {
                Set<Identifier> together = new HashSet<>(cluster);
                together.addAll(identifiers(members(other)));
                if (group.stream().anyMatch(g -> keptApart(g, other)) || !rules.fits(together)) {
                    continue; // the weaker links of this event (to `other`) are dropped
                }
                group.add(other);
                cluster = together;
            }
            // the oldest customer survives, so the id people have seen longest stays
            target = group.stream().min(Comparator.comparing(this::createdAt).thenComparing(Comparator.naturalOrder()))
                    .orElseThrow();
            change = group.size() > 1 ? Customer.Change.MERGED : Customer.Change.UPDATED;
            for (String absorbed : group) {
                if (!absorbed.equals(target)) {
                    merge(target, absorbed, e, ids.stream().filter(i -> absorbed.equals(rootOf(owners, i))).toList());
                    merged.add(absorbed);
                }
            }
        }
        for (int i = 0; i < ids.size(); i++) { // strongest first: what is over a limit is the weaker
            Identifier id = ids.get(i);
            if (!owners.containsKey(id)) {
                Set<Identifier> with = new HashSet<>(cluster);
                with.add(id);
                if (rules.fits(with)) {
                    cluster = with;
                } else {
                    ids.set(i, null); // over the limit: not linked
                }
            }
        }
        for (Identifier id : ids) {
            if (id != null && !owners.containsKey(id)) {
                jdbc.sql("""
                                INSERT INTO customer_identifier (id_type, id_scope, id_value, customer_id, source, first_seen)
                                VALUES (:type, :scope, :value, :c, :source, :t) ON CONFLICT DO NOTHING
                                """)
                        .param("type", id.type().name()).param("scope", id.scope()).param("value", id.value())
                        .param("c", target).param("source", e.source()).param("t", Timestamp.from(e.observedAt()))
                        .update();
            }
        }
        e.attributes().forEach((name, value) -> jdbc.sql("""
                        INSERT INTO customer_attribute (customer_id, name, source, value, observed_at)
                        VALUES (:c, :n, :s, :v, :t)
                        ON CONFLICT (customer_id, name, source) DO UPDATE SET value = EXCLUDED.value,
                               observed_at = EXCLUDED.observed_at
                         WHERE customer_attribute.observed_at <= EXCLUDED.observed_at
                        """)
                .param("c", target).param("n", name).param("s", e.source()).param("v", value)
                .param("t", Timestamp.from(e.observedAt())).update());
        jdbc.sql("UPDATE customer SET updated_at = now() WHERE customer_id = :c").param("c", target).update();
        jdbc.sql("UPDATE identity_event SET customer_id = :c WHERE event_id = :id")
                .param("c", target).param("id", e.eventId()).update();
        return Optional.of(new Resolution(e.eventId(), target, change, merged));
    }

    private String rootOf(Map<Identifier, String> owners, Identifier id) {
        String owner = owners.get(id);
        return owner == null ? null : root(owner);
    }

    private void merge(String survivor, String absorbed, IdentityEvidence e, List<Identifier> links) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("eventId", e.eventId());
        evidence.put("source", e.source());
        evidence.put("observedAt", e.observedAt().toString());
        evidence.put("links", links.stream().map(i -> i.type() + ":" + (i.scope().isEmpty() ? "" : i.scope() + ":")
                + mask(i)).toList());
        jdbc.sql("""
                        INSERT INTO customer_merge (merge_id, survivor_id, absorbed_id, evidence)
                        VALUES (:m, :s, :a, CAST(:e AS jsonb))
                        """)
                .param("m", "M-" + UUID.randomUUID()).param("s", survivor).param("a", absorbed)
                .param("e", HubJson.write(evidence)).update();
        jdbc.sql("UPDATE customer SET merged_into = :s, updated_at = now() WHERE customer_id = :a")
                .param("s", survivor).param("a", absorbed).update();
    }

    /** Undoes a merge: the absorbed customer stands alone again, and the pair is kept apart. */
    @Transactional
    public Optional<Resolution> undo(String mergeId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", GRAPH_LOCK).query(Object.class).single();
        Optional<Merge> m = merge(mergeId);
        if (m.isEmpty() || m.get().undoneAt() != null) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE customer_merge SET undone_at = now() WHERE merge_id = :m").param("m", mergeId).update();
        jdbc.sql("UPDATE customer SET merged_into = NULL, updated_at = now() WHERE customer_id = :a")
                .param("a", m.get().absorbedId()).update();
        jdbc.sql("INSERT INTO customer_keep_apart (a, b) VALUES (:a, :b), (:b, :a) ON CONFLICT DO NOTHING")
                .param("a", m.get().survivorId()).param("b", m.get().absorbedId()).update();
        return Optional.of(new Resolution(mergeId, root(m.get().survivorId()), Customer.Change.SPLIT,
                List.of(m.get().absorbedId())));
    }

    /**
     * Erases a golden customer: its identifiers (remembered only as hashes, so they never link
     * again), attributes and the personal fields of its orders go; order facts stay, anonymized.
     */
    @Transactional
    public List<String> erase(String customerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", GRAPH_LOCK).query(Object.class).single();
        List<String> members = members(root(customerId));
        for (Identifier id : identifiers(members)) {
            jdbc.sql("INSERT INTO identifier_erased (id_hash) VALUES (:h) ON CONFLICT DO NOTHING")
                    .param("h", hash(id)).update();
        }
        String[] m = members.toArray(String[]::new);
        jdbc.sql("DELETE FROM customer_identifier WHERE customer_id = ANY(:m)").param("m", m).update();
        jdbc.sql("DELETE FROM customer_attribute WHERE customer_id = ANY(:m)").param("m", m).update();
        jdbc.sql("UPDATE customer SET erased_at = now(), updated_at = now() WHERE customer_id = ANY(:m)").param("m", m).update();
        jdbc.sql("""
                        UPDATE orders SET payload = (payload - 'buyer' - 'shipTo')
                                         || jsonb_build_object('buyer', jsonb_build_object('erased', true)),
                               version = version + 1, published_version = version + 1
                         WHERE customer_id = ANY(:m)
                        """).param("m", m).update();
        return members;
    }

    /** The golden customer an identifier belongs to, if any; shared identifiers belong to nobody. */
    public Optional<String> lookup(Identifier id) {
        if (isShared(id)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT customer_id FROM customer_identifier
                         WHERE id_type = :type AND id_scope = :scope AND id_value = :value
                        """)
                .param("type", id.type().name()).param("scope", id.scope()).param("value", id.value())
                .query(String.class).optional().map(this::root)
                .filter(c -> !erasedCustomer(c));
    }

    /** Customers holding an identifier of this type and value in any scope (a member card without its program). */
    public List<String> lookupAnyScope(Identifier.Type type, String value) {
        return jdbc.sql("SELECT customer_id FROM customer_identifier WHERE id_type = :type AND id_value = :value")
                .param("type", type.name()).param("value", value).query(String.class).list().stream()
                .map(this::root).distinct().toList();
    }

    public boolean isShared(Identifier id) {
        return jdbc.sql("""
                        SELECT count(*) FROM identifier_shared WHERE id_type = :type AND id_scope = :scope AND id_value = :value
                        """)
                .param("type", id.type().name()).param("scope", id.scope()).param("value", id.value())
                .query(Long.class).single() > 0;
    }

    /** The golden record: the root's cluster, its identifiers and the surviving attributes with provenance. */
    public Optional<Customer> customer(String customerId, Customer.Change change, List<String> mergedIds) {
        Optional<Instant[]> times = jdbc.sql("SELECT created_at, updated_at FROM customer WHERE customer_id = :c")
                .param("c", customerId)
                .query((rs, n) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()})
                .optional();
        if (times.isEmpty()) {
            return Optional.empty();
        }
        String root = root(customerId);
        List<String> members = members(root);
        List<Survivorship.Observation> observations = jdbc.sql("""
                        SELECT name, value, source, observed_at FROM customer_attribute WHERE customer_id = ANY(:m)
                        """)
                .param("m", members.toArray(String[]::new))
                .query((rs, n) -> new Survivorship.Observation(rs.getString(1), rs.getString(2), rs.getString(3),
                        sourceType.apply(rs.getString(3)), rs.getTimestamp(4).toInstant()))
                .list();
        return Optional.of(new Customer(Customer.SCHEMA, root, identifiers(members), survivorship.golden(observations),
                times.get()[0], times.get()[1], change, mergedIds));
    }

    public List<Merge> merges(String customerId) {
        String[] m = members(root(customerId)).toArray(String[]::new);
        return jdbc.sql("""
                        SELECT merge_id, survivor_id, absorbed_id, evidence::text, merged_at, undone_at FROM customer_merge
                         WHERE survivor_id = ANY(:m) OR absorbed_id = ANY(:m) ORDER BY merged_at
                        """)
                .param("m", m).query(MERGE)
                .list();
    }

    public List<Map<String, Object>> shared() {
        return jdbc.sql("SELECT id_type, id_scope, id_value, reason, marked_at FROM identifier_shared ORDER BY marked_at")
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("type", rs.getString(1));
                    row.put("scope", rs.getString(2));
                    row.put("value", mask(new Identifier(Identifier.Type.valueOf(rs.getString(1)), rs.getString(3),
                            rs.getString(2))));
                    row.put("reason", rs.getString(4));
                    row.put("markedAt", rs.getTimestamp(5).toInstant().toString());
                    return row;
                }).list();
    }

    /** Follows merges to the golden customer. */
    public String root(String customerId) {
        String c = customerId;
        for (int hops = 0; hops < 1000; hops++) {
            String next = jdbc.sql("SELECT merged_into FROM customer WHERE customer_id = :c").param("c", c)
                    .query(String.class).optional().orElse(null);
            if (next == null) {
                return c;
            }
            c = next;
        }
        throw new IllegalStateException("merge chain too long from " + customerId);
    }

    private Optional<Merge> merge(String mergeId) {
        return jdbc.sql("""
                        SELECT merge_id, survivor_id, absorbed_id, evidence::text, merged_at, undone_at FROM customer_merge
                         WHERE merge_id = :m
                        """)
                .param("m", mergeId).query(MERGE)
                .optional();
    }

    private List<String> members(String root) {
        return jdbc.sql("""
                        WITH RECURSIVE m(id) AS (
                            SELECT CAST(:r AS text)
                            UNION SELECT c.customer_id FROM customer c JOIN m ON c.merged_into = m.id)
                        SELECT id FROM m
                        """).param("r", root).query(String.class).list();
    }

    private List<Identifier> identifiers(List<String> members) {
        return jdbc.sql("""
                        SELECT id_type, id_scope, id_value FROM customer_identifier WHERE customer_id = ANY(:m)
                         ORDER BY first_seen, id_type, id_value
                        """)
                .param("m", members.toArray(String[]::new))
                .query((rs, n) -> new Identifier(Identifier.Type.valueOf(rs.getString(1)), rs.getString(3), rs.getString(2)))
                .list();
    }

    private Map<Identifier, String> owners(List<Identifier> ids) {
        Map<Identifier, String> owners = new HashMap<>();
        for (Identifier id : ids) {
            jdbc.sql("""
                            SELECT customer_id FROM customer_identifier
                             WHERE id_type = :type AND id_scope = :scope AND id_value = :value
                            """)
                    .param("type", id.type().name()).param("scope", id.scope()).param("value", id.value())
                    .query(String.class).optional().ifPresent(c -> owners.put(id, c));
        }
        return owners;
    }

    /** Records which anchors each phone or e-mail came with; too many of one kind makes it shared. */
    private void markShared(List<Identifier> ids) {
        for (Identifier x : ids) {
            if (rules.isAnchor(x.type())) {
                continue;
            }
            for (Identifier anchor : ids) {
                if (!rules.isAnchor(anchor.type())) {
                    continue;
                }
                jdbc.sql("""
                                INSERT INTO identifier_seen_with VALUES (:t, :s, :v, :ot, :os, :ov) ON CONFLICT DO NOTHING
                                """)
                        .param("t", x.type().name()).param("s", x.scope()).param("v", x.value())
                        .param("ot", anchor.type().name()).param("os", anchor.scope()).param("ov", anchor.value()).update();
                long seen = jdbc.sql("""
                                SELECT count(*) FROM identifier_seen_with
                                 WHERE id_type = :t AND id_scope = :s AND id_value = :v AND other_type = :ot AND other_scope = :os
                                """)
                        .param("t", x.type().name()).param("s", x.scope()).param("v", x.value())
                        .param("ot", anchor.type().name()).param("os", anchor.scope()).query(Long.class).single();
                if (rules.shared((int) seen)) {
                    jdbc.sql("""
                                    INSERT INTO identifier_shared (id_type, id_scope, id_value, reason)
                                    VALUES (:t, :s, :v, :r) ON CONFLICT DO NOTHING
                                    """)
                            .param("t", x.type().name()).param("s", x.scope()).param("v", x.value())
                            .param("r", "seen with " + seen + " different " + anchor.type()
                                    + (anchor.scope().isEmpty() ? "" : " of " + anchor.scope()))
                            .update();
                }
            }
        }
    }

    private Instant createdAt(String customerId) {
        return jdbc.sql("SELECT created_at FROM customer WHERE customer_id = :c").param("c", customerId)
                .query(Timestamp.class).single().toInstant();
    }

    private boolean keptApart(String a, String b) {
        return jdbc.sql("SELECT count(*) FROM customer_keep_apart WHERE a = :a AND b = :b")
                .param("a", a).param("b", b).query(Long.class).single() > 0;
    }

    private boolean erased(Identifier id) {
        return jdbc.sql("SELECT count(*) FROM identifier_erased WHERE id_hash = :h").param("h", hash(id))
                .query(Long.class).single() > 0;
    }

    private boolean erasedCustomer(String customerId) {
        return jdbc.sql("SELECT erased_at IS NOT NULL FROM customer WHERE customer_id = :c").param("c", customerId)
                .query(Boolean.class).optional().orElse(false);
    }

    static String hash(Identifier id) {
        try {
            return Digests.lowerHex(MessageDigest.getInstance("SHA-256").digest(
                    (id.type() + "\u0000" + id.scope() + "\u0000" + id.value()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For logs and evidence: a phone as +86138****5678, other values with their middle hidden. */
    static String mask(Identifier id) {
        String v = id.value();
        if (v.length() <= 4) {
            return "****";
        }
        int keep = Math.min(4, v.length() / 3);
        return v.substring(0, v.length() > 11 ? 6 : keep) + "****" + v.substring(v.length() - keep);
    }
}
