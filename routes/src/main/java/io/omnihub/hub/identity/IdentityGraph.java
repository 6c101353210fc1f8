package io.omnihub.hub.identity;

import io.omnihub.hub.identity.IdentityChange.Split;
import io.omnihub.hub.identity.IdentityTables.MergeRow;
import io.omnihub.hub.jdbc.CopyRows;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.identity.IdentityResolver.Outcome;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The identity graph: one golden customer per person. A customer record is one source record; a
 * merge points the absorbed record at the survivor and every record carries its golden customer.
 * Identifiers stay with the record that first held them.
 *
 * <p>Decisions are made in memory and kept as a log: a batch is resolved by {@link
 * IdentityResolver} against the graph held resident, and what it changed is appended to {@link
 * IdentityLog} as one entry, with the batch's event ids for exactly-once, in one transaction under
 * one advisory lock, so two events for one person, from any partition or hub, can never both
 * create a customer. Every hub folds the log into {@link IdentityTables}, from which {@link
 * IdentityReads} serves lookups and golden records; before each read or batch it reads the entries
 * appended since (by another hub), one index probe when there are none. A transaction that rolls
 * back discards the memory, which is then read again from the log. This class writes (batches,
 * splits when an identifier turns shared, undo, erasure); {@link MergeEvidence} shows what it keeps.
 */
@Repository
public class IdentityGraph {

    private static final long GRAPH_LOCK = 0x0_1d3e_7172L;

    /**
     * What a batch did: the customer record each event resolved to (or, for an event with no
     * identifier, why none), the golden customers changed and the links refused.
     */
    public record Applied(
            long seq,
            Map<String, String> memberOfEvent,
            Map<String, String> unresolvedOfEvent,
            Map<String, Customer.Change> changes,
            Map<String, List<String>> mergedIds,
            List<IdentityResolver.LinkRefused> refused) {

        Applied(long seq, Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds) {
            this(seq, Map.of(), Map.of(), changes, mergedIds, List.of());
        }
    }

    /** An erasure: what {@code hub.customers} is told, and the records erased. */
    public record Erased(Applied applied, List<String> records) {}

    /** A merge as the API shows it. */
    public record Merge(
            String mergeId,
            String survivorId,
            String absorbedId,
            String evidence,
            Instant mergedAt,
            Instant undoneAt,
            String undoneReason) {}

    private static final Logger log = LoggerFactory.getLogger(IdentityGraph.class);

    /** The log folded into memory, up to entry {@link #seq}; null until first needed or after a rollback. */
    private IdentityTables tables;

    private long seq;
    /** The resolver's view of {@link #tables}, kept up to date by the resolver itself; null when it must be built again. */
    private Snapshot resident;

    private final ReentrantLock memory = new ReentrantLock();

    private final BatchSteps steps;
    private final JdbcClient jdbc;
    private final CopyRows copy;
    private final IdentityLog identityLog;
    private final IdentityResolver resolver;

    IdentityGraph(
            JdbcClient jdbc, CopyRows copy, IdentityLog identityLog, IdentityResolver resolver, BatchSteps steps) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.copy = copy;
        this.identityLog = identityLog;
        this.resolver = resolver;
    }

    @Transactional
    public Applied apply(List<IdentityEvidence> batch) {
        long t = System.nanoTime();
        writing(false);
        Snapshot graph = resident();
        t = steps.took("lock", t);
        Map<String, IdentityEvidence> byId = new LinkedHashMap<>();
        batch.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        if (!byId.isEmpty()) { // applied before: a replay or redelivery changes nothing
            jdbc.sql("SELECT event_id FROM identity_event WHERE event_id = ANY(:ids)")
                    .param("ids", byId.keySet().toArray(String[]::new))
                    .query(String.class)
                    .list()
                    .forEach(byId::remove);
        }
        t = steps.took("dedupe", t);
        List<IdentityEvidence> fresh = new ArrayList<>(byId.values());
        Map<String, Customer.Change> changes = new LinkedHashMap<>();
        Map<String, List<String>> mergedIds = new LinkedHashMap<>();
        Map<String, String> memberOfEvent = new LinkedHashMap<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        if (fresh.isEmpty()) {
            return new Applied(seq, changes, mergedIds);
        }
        Instant now = Instant.now();
        Outcome o = resolver.resolve(fresh, graph, now);
        t = steps.took("resolve", t);
        IdentityChange change = changeOf(o, now);
        tables.apply(change);
        t = steps.took("fold", t);
        o.resolved.forEach(r -> {
            memberOfEvent.put(r.eventId(), r.memberId());
            if (r.unresolved() != null) {
                unresolved.put(r.eventId(), r.unresolved());
            }
        });
        changes.putAll(o.changes);
        mergedIds.putAll(o.absorbed);
        if (!o.shared.isEmpty()) {
            IdentityChange splits = IdentityChange.at(now);
            Set<String> split = splitLinksThatNoLongerHold(
                    o.shared.stream().map(IdentityResolver.Shared::identifier).toList(), splits, changes, mergedIds);
            if (!split.isEmpty()) { // the resident graph takes them as they are now
                change = change.then(splits);
                graph.forget(split);
                tables.fill(graph, split);
            }
            t = steps.took("split", t);
        }
        told(change, changes, mergedIds);
        byte[] entry = IdentityLogCodec.encode(change);
        t = steps.took("write.encode", t);
        append(entry);
        t = steps.took("write.log", t);
        copy.copy("identity_event", "event_id, customer_id", o.resolved, r -> new Object[] {r.eventId(), r.goldenId()});
        steps.took("write.applied-events", t);
        return new Applied(seq, memberOfEvent, unresolved, changes, mergedIds, o.refused);
    }

    /** What {@code hub.customers} is told of an entry, kept in it for a resend. */
    private static void told(
            IdentityChange entry, Map<String, Customer.Change> changes, Map<String, List<String>> mergedIds) {
        changes.forEach((g, c) -> entry.changes().put(g, c.name()));
        mergedIds.forEach((g, ids) -> entry.mergedIds().put(g, new ArrayList<>(ids)));
    }

    /** What a resolved batch changed, as a log entry. */
    static IdentityChange changeOf(Outcome o, Instant now) {
        IdentityChange c = IdentityChange.at(now);
        Set<String> created = new HashSet<>();
        o.newCustomers.forEach(n -> {
            created.add(n.customerId());
            c.records().add(new IdentityChange.Record(n.customerId(), o.goldenOf.get(n.customerId()), n.createdAt()));
        });
        o.links.forEach(k -> c.identifiers()
                .add(new IdentityChange.Held(k.identifier(), k.customerId(), k.source(), k.firstSeen())));
        o.merges.forEach(m -> c.merges()
                .add(new IdentityChange.Merged(
                        "M-" + RandomIds.uuid(),
                        m.survivorId(),
                        m.absorbedId(),
                        MergeEvidence.evidence(m),
                        m.survivorLinks().stream().map(MergeEvidence::hash).toList(),
                        m.absorbedLinks().stream().map(MergeEvidence::hash).toList())));
        o.goldenOf.forEach((record, golden) -> {
            if (!record.equals(golden) && !created.contains(record)) { // every member of an absorbed golden customer
                c.goldenMoves().put(record, golden);
            }
        });
        o.attributes
                .values()
                .forEach(a -> c.attributes()
                        .add(new IdentityChange.Observed(
                                a.customerId(), a.name(), a.source(), a.value(), a.observedAt())));
        o.changes.keySet().stream().filter(g -> !created.contains(g)).forEach(c.touched()::add);
        o.seenWith.forEach(p -> c.seenWith().add(List.of(p[0], p[1])));
        o.shared.forEach(s -> c.shared().add(new IdentityChange.SharedMark(s.identifier(), s.reason())));
        c.weakKeys().addAll(o.weakKeys);
        o.refused.forEach(r -> c.refused()
                .add(new IdentityChange.Refused(
                        r.customerId(),
                        r.eventId(),
                        r.reason().tag(),
                        r.detail(),
                        MergeEvidence.shown(r.identifier()),
                        r.otherId())));
        new LinkedHashSet<>(o.namesSeen).forEach(c.names()::add);
        return c;
    }

    /**
     * Takes the graph's lock for this transaction and brings the memory up to the log. On commit
     * the memory stands; on a rollback it is dropped (the resolver and the tables had already taken
     * the batch), and so is the resolver's view after an undo or an erasure ({@code rebuildAfter}).
     */
    private void writing(boolean rebuildAfter) {
        memory.lock();
        boolean handedOver = false;
        try {
            jdbc.sql("SELECT pg_advisory_xact_lock(:k)")
                    .param("k", GRAPH_LOCK)
                    .query(Object.class)
                    .single();
            catchUp();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        forgetAll();
                    } else if (rebuildAfter) {
                        resident = null;
                    }
                    memory.unlock();
                }
            });
            handedOver = true;
        } finally {
            if (!handedOver) {
                forgetAll();
                memory.unlock();
            }
        }
    }

    private void forgetAll() {
        tables = null;
        resident = null;
        seq = 0;
    }

    /** The log's entries since the last one folded in: all of it the first time, another hub's after that. */
    private void catchUp() {
        long t0 = System.nanoTime();
        boolean first = tables == null;
        if (first) {
            tables = new IdentityTables();
            seq = 0;
        }
        long before = seq;
        identityLog.since(seq, (s, c) -> {
            tables.apply(c);
            seq = s;
        });
        if (seq != before) {
            resident = null; // the resolver's view is built again from the tables
        }
        if (first) {
            log.info(
                    "Identity graph read into memory in {} ms ({} records, {} log entries)",
                    (System.nanoTime() - t0) / 1_000_000,
                    tables.size(),
                    seq);
        }
    }

    private Snapshot resident() {
        if (resident == null) {
            long t0 = System.nanoTime();
            Snapshot s = new Snapshot();
            tables.fill(s, null);
            resident = s;
            log.debug(
                    "Resolver's view of {} records built in {} ms",
                    tables.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return resident;
    }

    private void append(IdentityChange change) {
        append(IdentityLogCodec.encode(change));
    }

    private void append(byte[] entry) {
        identityLog.append(seq + 1, entry);
        seq++;
    }

    /** A read of the graph as the log has it now. */
    <T> T read(Function<IdentityTables, T> query) {
        memory.lock();
        try {
            try {
                catchUp();
            } catch (RuntimeException e) {
                forgetAll(); // it may have folded part of an entry in
                throw e;
            }
            return query.apply(tables);
        } finally {
            memory.unlock();
        }
    }

    /**
     * A phone or e-mail that just became shared no longer links anything: every merge that held
     * only through shared identifiers on one of its sides is split again (not kept apart: a
     * strong identifier may still join the two later). Splits are folded in one at a time, as
     * each may move the golden customer the next one is in, and added to {@code splits}.
     */
    private Set<String> splitLinksThatNoLongerHold(
            List<Identifier> newlyShared,
            IdentityChange splits,
            Map<String, Customer.Change> changes,
            Map<String, List<String>> mergedIds) {
        Set<String> sharedNow =
                new HashSet<>(newlyShared.stream().map(MergeEvidence::hash).toList());
        Set<String> goldens = new LinkedHashSet<>();
        newlyShared.forEach(i -> tables.holder(i).ifPresent(h -> goldens.add(tables.golden(h.record()))));
        Map<String, MergeRow> links = new LinkedHashMap<>();
        goldens.forEach(g -> tables.mergesOf(g).stream()
                .filter(m -> m.undoneAt == null)
                .filter(m -> m.merge.survivorLinks().stream().anyMatch(sharedNow::contains)
                        || m.merge.absorbedLinks().stream().anyMatch(sharedNow::contains))
                .forEach(m -> links.put(m.merge.mergeId(), m)));
        Set<String> affected = new HashSet<>();
        for (MergeRow l : links.values()) {
            IdentityChange.Merged m = l.merge;
            if ((m.survivorLinks().stream().allMatch(tables::isSharedHash)
                            || m.absorbedLinks().stream().allMatch(tables::isSharedHash))
                    && !namesAgreeAcross(m.survivor(), m.absorbed())) {
                affected.add(tables.golden(m.survivor()));
                IdentityChange one = IdentityChange.at(splits.at());
                one.splits().add(new Split(m.mergeId(), m.absorbed(), "its link became shared"));
                tables.apply(one);
                splits.splits().addAll(one.splits());
                String survivorGolden = tables.golden(m.survivor());
                affected.add(survivorGolden);
                affected.add(m.absorbed());
                changes.put(survivorGolden, Customer.Change.SPLIT);
                changes.put(m.absorbed(), Customer.Change.SPLIT);
                mergedIds
                        .computeIfAbsent(survivorGolden, k -> new ArrayList<>())
                        .add(m.absorbed());
            }
        }
        return affected;
    }

    /**
     * Whether the records on the two sides of a merge carry one name (equal pinyin keys): then a
     * shared phone between them is that person's and a family member's, and the link stands.
     */
    private boolean namesAgreeAcross(String survivorId, String absorbedId) {
        String golden = tables.golden(survivorId);
        Map<String, Set<String>> namesOf = tables.namesOfRecords(golden);
        Set<String> inside = new HashSet<>();
        Set<String> outside = new HashSet<>();
        namesOf.forEach((record, names) -> {
            String r = record;
            int hops = 0;
            while (r != null && !r.equals(absorbedId) && hops++ < 10_000) {
                r = tables.record(r).map(x -> x.mergedInto).orElse(null);
            }
            (absorbedId.equals(r) ? inside : outside).addAll(names);
        });
        // the same name as its pinyin key (a homophone is the same name): on a phone now known to be a
        // family's, a one-letter slip between 许桂文 and 徐璐文 is two relatives, not a typo
        return inside.stream().anyMatch(outside::contains);
    }

    /** Undoes a merge: the absorbed record stands alone again (with what was merged into it), kept apart. */
    @Transactional
    public Optional<Applied> undo(String mergeId) {
        writing(true);
        Optional<MergeRow> m = tables.merge(mergeId);
        if (m.isEmpty() || m.get().undoneAt != null) {
            return Optional.empty();
        }
        String survivor = m.get().merge.survivor();
        String absorbed = m.get().merge.absorbed();
        IdentityChange c = IdentityChange.at(Instant.now());
        c.splits().add(new Split(mergeId, absorbed, "undone by hand"));
        c.keptApart().add(List.of(survivor, absorbed));
        tables.apply(c);
        String survivorGolden = tables.golden(survivor);
        Map<String, Customer.Change> changes = new LinkedHashMap<>();
        changes.put(survivorGolden, Customer.Change.SPLIT);
        changes.put(absorbed, Customer.Change.SPLIT);
        Map<String, List<String>> mergedIds = Map.of(survivorGolden, List.of(absorbed));
        told(c, changes, mergedIds);
        append(c);
        return Optional.of(new Applied(seq, changes, mergedIds));
    }

    /**
     * Erases a golden customer: its identifiers (remembered only as hashes, so they never link
     * again), what they were seen with, its attributes and the personal fields of its orders go;
     * order facts stay, anonymized. The log's earlier entries are rewritten without them, so a
     * replay knows no more than the memory.
     */
    @Transactional
    public Erased erase(String customerId) {
        writing(true);
        String golden = tables.golden(customerId);
        List<String> members = tables.members(golden).stream().sorted().toList();
        Set<Identifier> ids = new HashSet<>();
        members.forEach(m -> ids.addAll(tables.identifiersOfRecord(m)));
        IdentityChange c = IdentityChange.at(Instant.now());
        c.erasedRecords().addAll(members);
        ids.stream().map(MergeEvidence::hash).sorted().forEach(c.erasedHashes()::add);
        tables.apply(c);
        Set<String> gone = new HashSet<>(members);
        List<Map.Entry<Long, IdentityChange>> redacted = new ArrayList<>();
        identityLog.since(0, (s, e) -> {
            IdentityChange r = withoutPersonalData(e, gone, ids);
            if (r != null) {
                redacted.add(Map.entry(s, r));
            }
        });
        redacted.forEach(x -> identityLog.rewrite(x.getKey(), x.getValue()));
        Map<String, Customer.Change> changes = Map.of(golden, Customer.Change.ERASED);
        told(c, changes, Map.of());
        append(c);
        String[] m = members.toArray(String[]::new);
        jdbc.sql("""
                        UPDATE orders SET payload = (payload - 'buyer' - 'shipTo')
                                         || jsonb_build_object('buyer', jsonb_build_object('erased', true)),
                               version = version + 1, published_version = version + 1
                         WHERE customer_id = ANY(:m)
                        """).param("m", m).update();
        return new Erased(new Applied(seq, changes, Map.of()), members);
    }

    /** An entry without the identifiers, attributes, weak keys and refusals of erased records; null if it had none. */
    private static IdentityChange withoutPersonalData(IdentityChange e, Set<String> records, Set<Identifier> ids) {
        IdentityChange r = new IdentityChange(
                e.at(),
                e.records(),
                e.identifiers().stream()
                        .filter(h -> !records.contains(h.record()) && !ids.contains(h.identifier()))
                        .toList(),
                e.merges(),
                e.goldenMoves(),
                e.attributes().stream()
                        .filter(a -> !records.contains(a.record()))
                        .toList(),
                e.touched(),
                e.seenWith().stream()
                        .filter(p -> !ids.contains(p.get(0)) && !ids.contains(p.get(1)))
                        .toList(),
                e.shared(),
                e.weakKeys().stream()
                        .filter(k -> !records.contains(k.customerId()))
                        .toList(),
                e.refused().stream().filter(x -> !records.contains(x.record())).toList(),
                e.splits(),
                e.keptApart(),
                e.erasedRecords(),
                e.erasedHashes(),
                e.changes(),
                e.mergedIds(),
                e.names().stream().filter(n -> !records.contains(n.get(0))).toList());
        boolean changed = r.identifiers().size() != e.identifiers().size()
                || r.attributes().size() != e.attributes().size()
                || r.seenWith().size() != e.seenWith().size()
                || r.weakKeys().size() != e.weakKeys().size()
                || r.refused().size() != e.refused().size()
                || r.names().size() != e.names().size();
        return changed ? r : null;
    }

    /** The last entry of the log this hub has read. */
    public long lastSeq() {
        return read(t -> seq);
    }

    /**
     * Holds the graph for this transaction, as a batch does, so that golden records that were
     * never acknowledged are sent again by one hub at a time and in order with the batches.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long hold() {
        writing(false);
        return seq;
    }
}
