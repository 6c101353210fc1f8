package io.omnihub.hub.identity;

import io.omnihub.hub.jdbc.CopyRows;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentifierHash;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.identity.IdentityRules;
import io.omnihub.mappings.identity.PersonName;
import io.omnihub.mappings.identity.IdentityResolver.Outcome;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.identity.Survivorship;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The identity graph in PostgreSQL: one golden customer per person. A customer row is one source
 * record; a merge points the absorbed record at the survivor ({@code merged_into}) and every
 * record carries its golden customer ({@code golden_id}). Identifiers stay with the record that
 * first held them.
 *
 * <p>A batch is resolved in bulk against the graph kept resident in memory (read once, then kept
 * up to date by the resolver itself): {@link IdentityResolver} resolves the events in batch order,
 * and the outcome is appended with one COPY (rows new by construction) or statement per table.
 * All of it runs in one transaction under one advisory lock, so two events for one person, from
 * any partition or hub instance, can never both create a customer; a version counter bumped under
 * that lock tells a hub whether anyone else wrote since, and then it reads the graph again.
 */
@Repository
public class IdentityGraph {

    private static final long GRAPH_LOCK = 0x0_1d3e_7172L;

    /**
     * What a batch did: the customer record each event resolved to (or, for an event with no
     * identifier, why none), the golden customers changed and the links refused.
     */
    public record Applied(Map<String, String> memberOfEvent, Map<String, String> unresolvedOfEvent,
                          Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds,
                          List<IdentityResolver.LinkRefused> refused) {

        Applied(Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds) {
            this(Map.of(), Map.of(), changes, mergedIds, List.of());
        }
    }

    /** A merge as the API shows it. */
    public record Merge(String mergeId, String survivorId, String absorbedId, String evidence, Instant mergedAt,
                        Instant undoneAt, String undoneReason) {
    }

    private static final RowMapper<Merge> MERGE = (rs, n) -> new Merge(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7));

    private static final Logger log = LoggerFactory.getLogger(IdentityGraph.class);

    /**
     * The whole graph in memory, as the resolver needs it, so a batch reads nothing before it is
     * resolved; valid while the version counter has moved only by this hub's own writes.
     */
    private Snapshot resident;
    private long residentVersion;
    private final ReentrantLock residentLock = new ReentrantLock();

    /** Records in the graph when its tables' statistics were last refreshed, and created since. */
    private long recordsAtAnalyze;
    private long recordsSinceAnalyze;

    private final BatchSteps steps;
    private final JdbcClient jdbc;
    private final CopyRows copy;
    private final IdentityResolver resolver;
    private final Survivorship survivorship;
    private final Function<String, String> sourceType;

    IdentityGraph(JdbcClient jdbc, CopyRows copy, IdentityResolver resolver, Survivorship survivorship,
                         Function<String, String> sourceType, BatchSteps steps) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.copy = copy;
        this.resolver = resolver;
        this.survivorship = survivorship;
        this.sourceType = sourceType;
    }

    @Transactional
    public Applied apply(List<IdentityEvidence> batch) {
        long t = System.nanoTime();
        Snapshot graph = resident(false);
        t = steps.took("lock", t);
        Map<String, IdentityEvidence> byId = new LinkedHashMap<>();
        batch.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        if (!byId.isEmpty()) { // applied before: a replay or redelivery changes nothing
            jdbc.sql("SELECT event_id FROM identity_event WHERE event_id = ANY(:ids)")
                    .param("ids", byId.keySet().toArray(String[]::new)).query(String.class).list()
                    .forEach(byId::remove);
        }
        t = steps.took("dedupe", t);
        List<IdentityEvidence> fresh = new ArrayList<>(byId.values());
        Map<String, Customer.Change> changes = new LinkedHashMap<>();
        Map<String, List<String>> mergedIds = new LinkedHashMap<>();
        Map<String, String> memberOfEvent = new LinkedHashMap<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        if (fresh.isEmpty()) {
            return new Applied(changes, mergedIds);
        }
        Outcome o = resolver.resolve(fresh, graph, Instant.now());
        t = steps.took("resolve", t);
        write(o);
        t = steps.took("write", t);
        analyzeWhenGrown(o.newCustomers.size());
        t = steps.took("analyze", t);
        o.resolved.forEach(r -> {
            memberOfEvent.put(r.eventId(), r.memberId());
            if (r.unresolved() != null) {
                unresolved.put(r.eventId(), r.unresolved());
            }
        });
        changes.putAll(o.changes);
        mergedIds.putAll(o.absorbed);
        if (!o.shared.isEmpty()) {
            Set<String> split = splitLinksThatNoLongerHold(o.shared.stream().map(IdentityResolver.Shared::identifier).toList(),
                    changes, mergedIds);
            if (!split.isEmpty()) { // the store split them: the resident graph takes them as they are now
                graph.forget(split);
                load(graph, split);
            }
            steps.took("split", t);
        }
        return new Applied(memberOfEvent, unresolved, changes, mergedIds, o.refused);
    }

    /**
     * Takes the graph's lock for this transaction and returns the resident graph, read again in
     * full if another writer changed the graph since (the version counter moved by more than this
     * hub's own writes) or if {@code discardAfter} (an undo or an erasure, which change it in SQL).
     * A transaction that rolls back discards it too: the resolver had already applied the batch to it.
     */
    private Snapshot resident(boolean discardAfter) {
        residentLock.lock();
        boolean handedOver = false;
        try {
            lock();
            long version = jdbc.sql("UPDATE identity_graph_version SET version = version + 1 RETURNING version")
                    .query(Long.class).single();
            if (resident == null || residentVersion != version - 1) {
                long t0 = System.nanoTime();
                resident = new Snapshot();
                load(resident, null);
                recordsAtAnalyze = resident.records();
                recordsSinceAnalyze = 0;
                log.info("Identity graph read into memory in {} ms (version {})", (System.nanoTime() - t0) / 1_000_000, version - 1);
            }
            Snapshot graph = resident;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED && !discardAfter) {
                        residentVersion = version;
                    } else {
                        resident = null;
                    }
                    residentLock.unlock();
                }
            });
            handedOver = true;
            return graph;
        } finally {
            if (!handedOver) {
                resident = null;
                residentLock.unlock();
            }
        }
    }

    /**
     * Refreshes the identity tables' planner statistics each time they have doubled (by 10,000
     * records at least): a backfill into an empty graph outruns autovacuum's analyze, and without
     * statistics PostgreSQL reads {@code golden_id = ANY(...)} with a parallel scan of the whole
     * table (80 ms for 500 customers at 155,000 records, measured) instead of the index. In the
     * batch's transaction, so the batch's own read-back plans with them; a few such runs over 10^7.
     */
    private void analyzeWhenGrown(int created) {
        recordsSinceAnalyze += created;
        if (recordsSinceAnalyze >= Math.max(10_000, recordsAtAnalyze)) {
            jdbc.sql("ANALYZE customer, customer_identifier, customer_attribute, customer_merge, customer_weak_key")
                    .update();
            recordsAtAnalyze += recordsSinceAnalyze;
            recordsSinceAnalyze = 0;
        }
    }

    /**
     * Reads the graph's records into {@code s}: all of them, or those of the golden customers
     * {@code goldens} (after the store split them); identifiers, names, weak keys and kept-apart
     * pairs with them, and, for the whole graph, the shared, erased and seen-with lists.
     */
    private void load(Snapshot s, Set<String> goldens) {
        String only = goldens == null ? "" : " AND c.golden_id = ANY(:g)";
        String[] g = goldens == null ? new String[0] : goldens.toArray(String[]::new);
        jdbc.sql("SELECT c.customer_id, c.golden_id, c.created_at FROM customer c WHERE c.erased_at IS NULL" + only)
                .params(params(g)).query(rs -> {
                    s.record(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
                });
        jdbc.sql("""
                        SELECT ci.id_type, ci.id_scope, ci.id_value, ci.customer_id, c.golden_id
                          FROM customer_identifier ci JOIN customer c ON c.customer_id = ci.customer_id
                         WHERE true""" + only)
                .params(params(g)).query(rs -> {
                    Identifier id = identifier(rs, 1);
                    s.owner(id, rs.getString(4), rs.getString(5));
                    s.clusterIdentifier(rs.getString(5), id);
                });
        jdbc.sql("""
                        SELECT c.golden_id, a.value FROM customer_attribute a JOIN customer c ON c.customer_id = a.customer_id
                         WHERE a.name = 'name'""" + only)
                .params(params(g)).query(rs -> {
                    s.name(rs.getString(1), PersonName.key(rs.getString(2)));
                });
        jdbc.sql("""
                        SELECT w.phone_bucket, w.customer_id, w.name_key, w.city, w.phone_hash, c.golden_id
                          FROM customer_weak_key w JOIN customer c ON c.customer_id = w.customer_id
                         WHERE c.erased_at IS NULL""" + only)
                .params(params(g)).query(rs -> {
                    s.weak(new IdentityResolver.WeakKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            emptyToNull(rs.getString(4)), emptyToNull(rs.getString(5))), rs.getString(6));
                });
        jdbc.sql("""
                        SELECT k.a, k.b FROM customer_keep_apart k JOIN customer c ON c.customer_id = k.a
                         WHERE true""" + only)
                .params(params(g)).query(rs -> {
                    s.keptApart(rs.getString(1), rs.getString(2));
                });
        if (goldens != null) {
            return;
        }
        jdbc.sql("SELECT id_hash FROM identifier_erased").query(rs -> {
            s.erasedHash(rs.getString(1));
        });
        jdbc.sql("SELECT id_type, id_scope, id_value FROM identifier_shared").query(rs -> {
            s.shared(identifier(rs, 1));
        });
        jdbc.sql("SELECT id_type, id_scope, id_value, other_type, other_scope, other_value FROM identifier_seen_with")
                .query(rs -> {
                    s.seenWith(identifier(rs, 1), identifier(rs, 4));
                });
    }

    private static Map<String, Object> params(String[] goldens) {
        return goldens.length == 0 ? Map.of() : Map.of("g", goldens);
    }

    /** Writes a resolved batch: one COPY or statement per table. */
    private void write(Outcome o) {
        long t = System.nanoTime();
        Map<String, String> mergedInto = new HashMap<>(); // a record created here gets its pointer on insert
        o.merges.forEach(m -> mergedInto.put(m.absorbedId(), m.survivorId()));
        Set<String> created = new HashSet<>();
        o.newCustomers.forEach(c -> created.add(c.customerId()));
        // records and merges are new by construction (fresh ids), applied events deduplicated under the lock
        copy.copy("customer", "customer_id, golden_id, merged_into, created_at, updated_at", o.newCustomers,
                c -> new Object[] {c.customerId(), o.goldenOf.get(c.customerId()), mergedInto.get(c.customerId()),
                        c.createdAt(), c.createdAt()});
        t = steps.took("write.customers", t);
        // the resolver links only identifiers the resident graph has no owner for: new rows, or a bug that must fail
        copy.copy("customer_identifier", "id_type, id_scope, id_value, customer_id, source, first_seen", o.links,
                k -> new Object[] {k.identifier().type().name(), k.identifier().scope(), k.identifier().value(),
                        k.customerId(), k.source(), k.firstSeen()});
        t = steps.took("write.identifiers", t);
        if (!o.merges.isEmpty()) {
            List<IdentityResolver.Merge> m = o.merges;
            copy.copy("customer_merge", "merge_id, survivor_id, absorbed_id, evidence, survivor_links, absorbed_links", m,
                    x -> new Object[] {"M-" + UUID.randomUUID(), x.survivorId(), x.absorbedId(), evidence(x),
                            hashArray(x.survivorLinks()), hashArray(x.absorbedLinks())});
            List<IdentityResolver.Merge> existing = m.stream().filter(x -> !created.contains(x.absorbedId())).toList();
            if (!existing.isEmpty()) {
                jdbc.sql("""
                                UPDATE customer c SET merged_into = x.s, updated_at = now()
                                  FROM unnest(CAST(:a AS text[]), CAST(:s AS text[])) AS x(a, s) WHERE c.customer_id = x.a
                                """)
                        .param("a", existing.stream().map(IdentityResolver.Merge::absorbedId).toArray(String[]::new))
                        .param("s", existing.stream().map(IdentityResolver.Merge::survivorId).toArray(String[]::new))
                        .update();
            }
        }
        t = steps.took("write.merges", t);
        List<String[]> moved = o.goldenOf.entrySet().stream()
                .filter(x -> !x.getKey().equals(x.getValue()) && !created.contains(x.getKey()))
                .map(x -> new String[] {x.getKey(), x.getValue()}).toList();
        if (!moved.isEmpty()) { // every member of an absorbed golden customer now has the survivor's
            jdbc.sql("""
                            UPDATE customer c SET golden_id = x.g
                              FROM unnest(CAST(:old AS text[]), CAST(:g AS text[])) AS x(old, g) WHERE c.golden_id = x.old
                            """)
                    .param("old", moved.stream().map(x -> x[0]).toArray(String[]::new))
                    .param("g", moved.stream().map(x -> x[1]).toArray(String[]::new))
                    .update();
        }
        t = steps.took("write.golden-ids", t);
        if (!o.attributes.isEmpty()) {
            Collection<IdentityResolver.Attribute> at = o.attributes.values();
            jdbc.sql("""
                            INSERT INTO customer_attribute (customer_id, name, source, value, observed_at)
                            SELECT c, n, s, v, CAST(t AS timestamptz)
                              FROM unnest(CAST(:c AS text[]), CAST(:n AS text[]), CAST(:s AS text[]), CAST(:v AS text[]),
                                          CAST(:t AS text[])) AS x(c, n, s, v, t)
                            ON CONFLICT (customer_id, name, source) DO UPDATE SET value = EXCLUDED.value,
                                   observed_at = EXCLUDED.observed_at
                             WHERE customer_attribute.observed_at <= EXCLUDED.observed_at
                            """)
                    .param("c", at.stream().map(IdentityResolver.Attribute::customerId).toArray(String[]::new))
                    .param("n", at.stream().map(IdentityResolver.Attribute::name).toArray(String[]::new))
                    .param("s", at.stream().map(IdentityResolver.Attribute::source).toArray(String[]::new))
                    .param("v", at.stream().map(IdentityResolver.Attribute::value).toArray(String[]::new))
                    .param("t", at.stream().map(x -> x.observedAt().toString()).toArray(String[]::new))
                    .update();
        }
        t = steps.took("write.attributes", t);
        String[] changedBefore = o.changes.keySet().stream().filter(g -> !created.contains(g)).toArray(String[]::new);
        if (changedBefore.length > 0) { // one created here was stamped on insert
            // the wall clock, not the transaction's start: a customer created in this batch is stamped later than that
            jdbc.sql("UPDATE customer SET updated_at = greatest(clock_timestamp(), created_at) WHERE customer_id = ANY(:g)")
                    .param("g", changedBefore).update();
        }
        t = steps.took("write.updated-at", t);
        // pairs and weak keys the resident graph did not hold yet, as the resolver emits them
        copy.copy("identifier_seen_with", "id_type, id_scope, id_value, other_type, other_scope, other_value", o.seenWith,
                p -> new Object[] {p[0].type().name(), p[0].scope(), p[0].value(), p[1].type().name(), p[1].scope(),
                        p[1].value()});
        t = steps.took("write.seen-with", t);
        if (!o.shared.isEmpty()) {
            Ids x = Ids.of(o.shared.stream().map(IdentityResolver.Shared::identifier).toList());
            jdbc.sql("""
                            INSERT INTO identifier_shared (id_type, id_scope, id_value, reason, id_hash)
                            SELECT * FROM unnest(CAST(:t AS text[]), CAST(:s AS text[]), CAST(:v AS text[]),
                                                 CAST(:r AS text[]), CAST(:h AS text[]))
                            ON CONFLICT DO NOTHING
                            """)
                    .param("t", x.types).param("s", x.scopes).param("v", x.values)
                    .param("r", o.shared.stream().map(IdentityResolver.Shared::reason).toArray(String[]::new))
                    .param("h", o.shared.stream().map(s -> hash(s.identifier())).toArray(String[]::new))
                    .update();
        }
        t = steps.took("write.shared", t);
        copy.copy("customer_weak_key", "phone_bucket, customer_id, name_key, city, phone_hash", o.weakKeys,
                k -> new Object[] {k.phoneBucket(), k.customerId(), k.nameKey(), k.city() == null ? "" : k.city(),
                        k.phone() == null ? "" : k.phone()});
        t = steps.took("write.weak-keys", t);
        copy.copy("customer_link_refused", "customer_id, event_id, reason, detail, identifier, other_id", o.refused,
                r -> new Object[] {r.customerId(), r.eventId(), r.reason().tag(), r.detail(), shown(r.identifier()),
                        r.otherId()});
        t = steps.took("write.refused", t);
        copy.copy("identity_event", "event_id, customer_id", o.resolved, r -> new Object[] {r.eventId(), r.goldenId()});
        steps.took("write.applied-events", t);
    }

    /**
     * A phone or e-mail that just became shared no longer links anything: every merge that held
     * only through shared identifiers on one of its sides is split again (not kept apart: a
     * strong identifier may still join the two later).
     */
    private Set<String> splitLinksThatNoLongerHold(List<Identifier> newlyShared, Map<String, Customer.Change> changes,
                                                   Map<String, List<String>> mergedIds) {
        record Link(String mergeId, String survivorId, String absorbedId, List<String> survivorSide, List<String> absorbedSide) {
        }
        Ids x = Ids.of(newlyShared);
        Set<String> sharedNow = new HashSet<>(newlyShared.stream().map(IdentityGraph::hash).toList());
        List<Link> links = jdbc.sql("""
                        WITH g AS (
                            SELECT DISTINCT c.golden_id FROM customer_identifier ci
                              JOIN unnest(CAST(:t AS text[]), CAST(:s AS text[]), CAST(:v AS text[])) AS q(t, s, v)
                                ON ci.id_type = q.t AND ci.id_scope = q.s AND ci.id_value = q.v
                              JOIN customer c ON c.customer_id = ci.customer_id),
                        members AS (SELECT customer_id FROM customer WHERE golden_id IN (SELECT golden_id FROM g))
                        SELECT merge_id, survivor_id, absorbed_id, survivor_links, absorbed_links FROM customer_merge
                         WHERE undone_at IS NULL
                           AND (survivor_id IN (SELECT customer_id FROM members) OR absorbed_id IN (SELECT customer_id FROM members))
                        """)
                .param("t", x.types).param("s", x.scopes).param("v", x.values)
                .query((rs, n) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                        strings(rs.getArray(5))))
                .list().stream()
                .filter(l -> l.survivorSide().stream().anyMatch(sharedNow::contains)
                        || l.absorbedSide().stream().anyMatch(sharedNow::contains))
                .toList();
        Set<String> affected = new HashSet<>();
        if (links.isEmpty()) {
            return affected;
        }
        Set<String> all = new HashSet<>();
        links.forEach(l -> {
            all.addAll(l.survivorSide());
            all.addAll(l.absorbedSide());
        });
        Set<String> shared = new HashSet<>(jdbc.sql("SELECT id_hash FROM identifier_shared WHERE id_hash = ANY(:h)")
                .param("h", all.toArray(String[]::new)).query(String.class).list());
        for (Link l : links) {
            if ((shared.containsAll(l.survivorSide()) || shared.containsAll(l.absorbedSide()))
                    && !namesAgreeAcross(l.survivorId(), l.absorbedId())) {
                affected.add(golden(l.survivorId()));
                split(l.mergeId(), l.absorbedId(), "its link became shared");
                String survivorGolden = golden(l.survivorId());
                affected.add(survivorGolden);
                affected.add(l.absorbedId());
                changes.put(survivorGolden, Customer.Change.SPLIT);
                changes.put(l.absorbedId(), Customer.Change.SPLIT);
                mergedIds.computeIfAbsent(survivorGolden, k -> new ArrayList<>()).add(l.absorbedId());
            }
        }
        return affected;
    }

    /**
     * Whether the records on the two sides of a merge carry one name (equal pinyin keys): then a
     * shared phone between them is that person's and a family member's, and the link stands.
     */
    private boolean namesAgreeAcross(String survivorId, String absorbedId) {
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Set<String>> namesOf = new HashMap<>();
        jdbc.sql("""
                        SELECT c.customer_id, c.merged_into, a.value FROM customer c
                          LEFT JOIN customer_attribute a ON a.customer_id = c.customer_id AND a.name = 'name'
                         WHERE c.golden_id = (SELECT golden_id FROM customer WHERE customer_id = :s)
                        """).param("s", survivorId)
                .query((rs, n) -> {
                    if (rs.getString(2) != null) {
                        parentOf.put(rs.getString(1), rs.getString(2));
                    }
                    String key = PersonName.key(rs.getString(3));
                    if (key != null) {
                        namesOf.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(key);
                    }
                    return null;
                }).list();
        Set<String> inside = new HashSet<>();
        Set<String> outside = new HashSet<>();
        namesOf.forEach((record, names) -> {
            String r = record;
            int hops = 0;
            while (r != null && !r.equals(absorbedId) && hops++ < 10_000) {
                r = parentOf.get(r);
            }
            (absorbedId.equals(r) ? inside : outside).addAll(names);
        });
        // the same name as its pinyin key (a homophone is the same name): on a phone now known to be a
        // family's, a one-letter slip between 许桂文 and 徐璐文 is two relatives, not a typo
        return inside.stream().anyMatch(outside::contains);
    }

    private void split(String mergeId, String absorbedId, String reason) {
        jdbc.sql("UPDATE customer_merge SET undone_at = now(), undone_reason = :r WHERE merge_id = :m")
                .param("m", mergeId).param("r", reason).update();
        jdbc.sql("UPDATE customer SET merged_into = NULL, updated_at = now() WHERE customer_id = :a")
                .param("a", absorbedId).update();
        jdbc.sql("""
                        WITH RECURSIVE t(id) AS (
                            SELECT CAST(:a AS text)
                            UNION SELECT c.customer_id FROM customer c JOIN t ON c.merged_into = t.id)
                        UPDATE customer SET golden_id = :a WHERE customer_id IN (SELECT id FROM t)
                        """).param("a", absorbedId).update();
    }

    /** Undoes a merge: the absorbed record stands alone again (with what was merged into it), kept apart. */
    @Transactional
    public Optional<Applied> undo(String mergeId) {
        resident(true);
        Optional<Merge> m = merge(mergeId);
        if (m.isEmpty() || m.get().undoneAt() != null) {
            return Optional.empty();
        }
        split(mergeId, m.get().absorbedId(), "undone by hand");
        jdbc.sql("INSERT INTO customer_keep_apart (a, b) VALUES (:a, :b), (:b, :a) ON CONFLICT DO NOTHING")
                .param("a", m.get().survivorId()).param("b", m.get().absorbedId()).update();
        String survivor = golden(m.get().survivorId());
        Map<String, Customer.Change> changes = new LinkedHashMap<>();
        changes.put(survivor, Customer.Change.SPLIT);
        changes.put(m.get().absorbedId(), Customer.Change.SPLIT);
        return Optional.of(new Applied(changes, Map.of(survivor, List.of(m.get().absorbedId()))));
    }

    /**
     * Erases a golden customer: its identifiers (remembered only as hashes, so they never link
     * again), what they were seen with, its attributes and the personal fields of its orders go;
     * order facts stay, anonymized.
     */
    @Transactional
    public List<String> erase(String customerId) {
        resident(true);
        String golden = golden(customerId);
        List<String> members = jdbc.sql("SELECT customer_id FROM customer WHERE golden_id = :g").param("g", golden)
                .query(String.class).list();
        String[] m = members.toArray(String[]::new);
        List<Identifier> ids = jdbc.sql("SELECT id_type, id_scope, id_value FROM customer_identifier WHERE customer_id = ANY(:m)")
                .param("m", m).query((rs, n) -> identifier(rs, 1)).list();
        if (!ids.isEmpty()) {
            jdbc.sql("INSERT INTO identifier_erased (id_hash) SELECT unnest(CAST(:h AS text[])) ON CONFLICT DO NOTHING")
                    .param("h", ids.stream().map(IdentityGraph::hash).toArray(String[]::new)).update();
            Ids x = Ids.of(ids);
            jdbc.sql("""
                            DELETE FROM identifier_seen_with s
                             USING unnest(CAST(:t AS text[]), CAST(:s AS text[]), CAST(:v AS text[])) AS q(t, s, v)
                             WHERE (s.id_type = q.t AND s.id_scope = q.s AND s.id_value = q.v)
                                OR (s.other_type = q.t AND s.other_scope = q.s AND s.other_value = q.v)
                            """)
                    .param("t", x.types).param("s", x.scopes).param("v", x.values).update();
        }
        jdbc.sql("DELETE FROM customer_identifier WHERE customer_id = ANY(:m)").param("m", m).update();
        jdbc.sql("DELETE FROM customer_weak_key WHERE customer_id = ANY(:m)").param("m", m).update();
        jdbc.sql("DELETE FROM customer_link_refused WHERE customer_id = ANY(:m)").param("m", m).update();
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
                        SELECT g.customer_id FROM customer_identifier ci
                          JOIN customer c ON c.customer_id = ci.customer_id
                          JOIN customer g ON g.customer_id = c.golden_id
                         WHERE ci.id_type = :type AND ci.id_scope = :scope AND ci.id_value = :value AND g.erased_at IS NULL
                        """)
                .param("type", id.type().name()).param("scope", id.scope()).param("value", id.value())
                .query(String.class).optional();
    }

    /** Golden customers holding an identifier of this type and value in any scope (a card without its program). */
    public List<String> lookupAnyScope(Identifier.Type type, String value) {
        return jdbc.sql("""
                        SELECT DISTINCT c.golden_id FROM customer_identifier ci JOIN customer c ON c.customer_id = ci.customer_id
                         WHERE ci.id_type = :type AND ci.id_value = :value
                        """)
                .param("type", type.name()).param("value", value).query(String.class).list();
    }

    public boolean isShared(Identifier id) {
        return jdbc.sql("SELECT count(*) FROM identifier_shared WHERE id_hash = :h").param("h", hash(id))
                .query(Long.class).single() > 0;
    }

    public Optional<Customer> customer(String customerId) {
        String golden = golden(customerId);
        return Optional.ofNullable(customers(Map.of(golden, Customer.Change.UPDATED), Map.of()).get(golden)).map(c -> new Customer(c.schema(), c.customerId(), c.identifiers(),
                c.attributes(), c.createdAt(), c.updatedAt(), null, List.of()));
    }

    /**
     * Golden records in bulk, as published on {@code hub.customers}: each golden customer's whole
     * cluster of identifiers and the surviving attributes with their provenance.
     */
    public Map<String, Customer> customers(Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds) {
        Map<String, Customer> out = new LinkedHashMap<>();
        if (changes.isEmpty()) {
            return out;
        }
        String[] g = changes.keySet().toArray(String[]::new);
        Map<String, Instant[]> times = new HashMap<>();
        jdbc.sql("SELECT customer_id, created_at, updated_at FROM customer WHERE customer_id = ANY(:g)").param("g", g)
                .query((rs, n) -> times.put(rs.getString(1),
                        new Instant[] {rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()}))
                .list();
        Map<String, List<Identifier>> ids = new HashMap<>();
        jdbc.sql("""
                        SELECT c.golden_id, ci.id_type, ci.id_scope, ci.id_value
                          FROM customer c JOIN customer_identifier ci ON ci.customer_id = c.customer_id
                         WHERE c.golden_id = ANY(:g) ORDER BY ci.first_seen, ci.id_type, ci.id_value
                        """).param("g", g)
                .query((rs, n) -> ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(identifier(rs, 2)))
                .list();
        Map<String, List<Survivorship.Observation>> observations = new HashMap<>();
        jdbc.sql("""
                        SELECT c.golden_id, a.name, a.value, a.source, a.observed_at
                          FROM customer c JOIN customer_attribute a ON a.customer_id = c.customer_id
                         WHERE c.golden_id = ANY(:g)
                        """).param("g", g)
                .query((rs, n) -> observations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Survivorship.Observation(rs.getString(2), rs.getString(3), rs.getString(4),
                                sourceType.apply(rs.getString(4)), rs.getTimestamp(5).toInstant())))
                .list();
        changes.forEach((id, change) -> {
            Instant[] t = times.get(id);
            if (t != null) {
                out.put(id, new Customer(Customer.SCHEMA, id, ids.getOrDefault(id, List.of()),
                        survivorship.golden(observations.getOrDefault(id, List.of())), t[0], t[1], change,
                        mergedIds.getOrDefault(id, List.of())));
            }
        });
        return out;
    }

    public List<Merge> merges(String customerId) {
        return jdbc.sql("""
                        SELECT merge_id, survivor_id, absorbed_id, evidence::text, merged_at, undone_at, undone_reason
                          FROM customer_merge
                         WHERE survivor_id IN (SELECT customer_id FROM customer WHERE golden_id = :g)
                            OR absorbed_id IN (SELECT customer_id FROM customer WHERE golden_id = :g)
                         ORDER BY merged_at, merge_id
                        """)
                .param("g", golden(customerId)).query(MERGE)
                .list();
    }

    /**
     * The links refused to a golden customer's records, oldest first: why each stands apart from
     * the customer it would have joined (that one's golden id now).
     */
    public List<Map<String, Object>> linksRefused(String customerId) {
        return jdbc.sql("""
                        SELECT r.reason, r.detail, r.identifier, o.golden_id, r.event_id, r.refused_at, r.customer_id
                          FROM customer_link_refused r LEFT JOIN customer o ON o.customer_id = r.other_id
                         WHERE r.customer_id IN (SELECT customer_id FROM customer WHERE golden_id = :g)
                         ORDER BY r.refused_at, r.event_id
                        """)
                .param("g", golden(customerId))
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("reason", rs.getString(1));
                    row.put("detail", rs.getString(2));
                    row.put("identifier", rs.getString(3));
                    if (rs.getString(4) != null) {
                        row.put("notJoinedTo", rs.getString(4));
                    }
                    row.put("eventId", rs.getString(5));
                    row.put("refusedAt", rs.getTimestamp(6).toInstant().toString());
                    row.put("record", rs.getString(7));
                    return row;
                }).list();
    }

    public List<Map<String, Object>> shared() {
        return jdbc.sql("SELECT id_type, id_scope, id_value, reason, marked_at FROM identifier_shared ORDER BY marked_at")
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("type", rs.getString(1));
                    row.put("scope", rs.getString(2));
                    row.put("value", mask(identifier(rs, 1)));
                    row.put("reason", rs.getString(4));
                    row.put("markedAt", rs.getTimestamp(5).toInstant().toString());
                    return row;
                }).list();
    }

    /** The golden customer a customer record belongs to (itself when unknown). */
    public String golden(String customerId) {
        return jdbc.sql("SELECT golden_id FROM customer WHERE customer_id = :c").param("c", customerId)
                .query(String.class).optional().orElse(customerId);
    }

    private Optional<Merge> merge(String mergeId) {
        return jdbc.sql("""
                        SELECT merge_id, survivor_id, absorbed_id, evidence::text, merged_at, undone_at, undone_reason
                          FROM customer_merge WHERE merge_id = :m
                        """)
                .param("m", mergeId).query(MERGE)
                .optional();
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", GRAPH_LOCK).query(Object.class).single();
    }

    /** An identifier as evidence shows it: type, scope and masked value. */
    private static String shown(Identifier i) {
        return i.type() + ":" + (i.scope().isEmpty() ? "" : i.scope() + ":") + mask(i);
    }

    private static String evidence(IdentityResolver.Merge m) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("eventId", m.eventId());
        evidence.put("source", m.source());
        evidence.put("observedAt", m.observedAt().toString());
        evidence.put("kind", m.weak() ? "new source record linked on weak evidence (masked phone, name, city)"
                : m.newRecord() ? "new source record linked" : "customers merged");
        List<Identifier> links = new ArrayList<>(m.survivorLinks());
        links.addAll(m.absorbedLinks());
        evidence.put("links", links.stream().map(IdentityGraph::shown).toList());
        return HubJson.write(evidence);
    }

    private static Identifier identifier(ResultSet rs, int typeColumn) throws SQLException {
        return new Identifier(Identifier.Type.valueOf(rs.getString(typeColumn)), rs.getString(typeColumn + 2),
                rs.getString(typeColumn + 1));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static String hashArray(List<Identifier> ids) {
        return CopyRows.array(ids.stream().map(IdentityGraph::hash).toList());
    }

    /** Identifiers as three parallel arrays, for unnest. */
    private record Ids(String[] types, String[] scopes, String[] values) {
        static Ids of(Collection<Identifier> ids) {
            return new Ids(ids.stream().map(i -> i.type().name()).toArray(String[]::new),
                    ids.stream().map(Identifier::scope).toArray(String[]::new),
                    ids.stream().map(Identifier::value).toArray(String[]::new));
        }
    }

    static String hash(Identifier id) {
        return IdentifierHash.of(id);
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
