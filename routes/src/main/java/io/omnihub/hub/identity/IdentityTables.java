package io.omnihub.hub.identity;

import io.omnihub.hub.identity.IdentityChange.Held;
import io.omnihub.hub.identity.IdentityChange.Observed;
import io.omnihub.hub.identity.IdentityChange.Refused;
import io.omnihub.mappings.identity.IdentifierHash;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.identity.IdentityResolver.WeakKey;
import io.omnihub.mappings.identity.PersonName;
import io.omnihub.mappings.identity.Survivorship;
import io.omnihub.mappings.model.Identifier;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The identity graph as the hub reads it: what the identity log says, folded into maps in memory
 * (records and their golden customers, identifiers, attributes, merges, refusals, shared and erased
 * identifiers, weak keys). Every hub replays the log into one of these and then follows it, so
 * lookups and golden records cost no database read; the resolver's {@link Snapshot} is built from
 * it. Plain Java, not thread-safe: {@link IdentityGraph} guards it.
 */
final class IdentityTables {

    static final class Row {
        final String id;
        final Instant createdAt;
        String golden;
        String mergedInto;
        Instant updatedAt;
        Instant erasedAt;

        Row(String id, String golden, Instant createdAt) {
            this.id = id;
            this.golden = golden;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    static final class MergeRow {
        final IdentityChange.Merged merge;
        final Instant mergedAt;
        Instant undoneAt;
        String undoneReason;

        MergeRow(IdentityChange.Merged merge, Instant mergedAt) {
            this.merge = merge;
            this.mergedAt = mergedAt;
        }
    }

    record SharedRow(Identifier identifier, String reason, Instant markedAt) {}

    record RefusedRow(Refused refused, Instant refusedAt) {}

    private final Map<String, Row> records = new HashMap<>();
    // small lists, not sets, per record or golden customer: a few entries each, and a HashSet apiece
    // for 150,000 customers was most of the heap and of the garbage collector's work
    private final Map<String, List<String>> membersOf = new HashMap<>();
    private final Map<Identifier, Held> identifiers = new HashMap<>();
    private final Map<String, List<Identifier>> identifiersOf = new HashMap<>();
    /** Member cards without their program (a card is looked up by its number alone): number -> programs. */
    private final Map<String, List<String>> programsOf = new HashMap<>();

    private final Map<String, List<Observed>> attributesOf = new HashMap<>();
    private final Map<String, MergeRow> merges = new LinkedHashMap<>();
    private final Map<String, List<String>> mergesOf = new HashMap<>();
    private final Set<List<String>> keptApart = new LinkedHashSet<>();
    private final Map<Identifier, List<Identifier>> seenWith = new HashMap<>();
    private final Map<Identifier, SharedRow> shared = new LinkedHashMap<>();
    private final Set<String> sharedHashes = new HashSet<>();
    private final Set<String> erasedHashes = new HashSet<>();
    private final Map<String, List<WeakKey>> weakOf = new HashMap<>();
    private final Map<String, List<RefusedRow>> refusedOf = new HashMap<>();
    /** Name keys a record was seen with beyond its attributes' latest values. */
    private final Map<String, List<String>> namesOf = new HashMap<>();

    /** Applies one log entry, in the order of its fields. */
    void apply(IdentityChange c) {
        Instant at = c.at();
        c.records().forEach(r -> {
            Row row = new Row(r.id(), r.golden(), r.createdAt());
            row.mergedInto = r.mergedInto();
            row.updatedAt = r.updatedAt() == null ? r.createdAt() : r.updatedAt();
            row.erasedAt = r.erasedAt();
            records.put(r.id(), row);
            membersOf.computeIfAbsent(r.golden(), g -> new ArrayList<>(1)).add(r.id());
        });
        c.identifiers().forEach(h -> {
            identifiers.put(h.identifier(), h);
            identifiersOf.computeIfAbsent(h.record(), r -> new ArrayList<>(2)).add(h.identifier());
            if (h.identifier().type() == Identifier.Type.MEMBER_CARD) {
                List<String> programs =
                        programsOf.computeIfAbsent(h.identifier().value(), k -> new ArrayList<>(1));
                if (!programs.contains(h.identifier().scope())) {
                    programs.add(h.identifier().scope());
                }
            }
        });
        c.merges().forEach(m -> {
            MergeRow row = new MergeRow(m, m.mergedAt() == null ? at : m.mergedAt());
            row.undoneAt = m.undoneAt();
            row.undoneReason = m.undoneReason();
            merges.put(m.mergeId(), row);
            mergesOf.computeIfAbsent(m.survivor(), r -> new ArrayList<>(1)).add(m.mergeId());
            mergesOf.computeIfAbsent(m.absorbed(), r -> new ArrayList<>(1)).add(m.mergeId());
            Row absorbed = records.get(m.absorbed());
            if (absorbed != null && m.undoneAt() == null) {
                absorbed.mergedInto = m.survivor();
            }
        });
        c.goldenMoves().forEach(this::moveGolden);
        c.attributes().forEach(a -> {
            List<Observed> of = attributesOf.computeIfAbsent(a.record(), r -> new ArrayList<>(2));
            for (int i = 0; i < of.size(); i++) {
                Observed old = of.get(i);
                if (old.name().equals(a.name()) && old.source().equals(a.source())) {
                    if (!old.observedAt().isAfter(a.observedAt())) {
                        of.set(i, a);
                    }
                    return;
                }
            }
            of.add(a);
        });
        c.touched().forEach(g -> {
            Row r = records.get(g);
            if (r != null) {
                r.updatedAt = at.isAfter(r.createdAt) ? at : r.createdAt;
            }
        });
        c.seenWith().forEach(p -> {
            List<Identifier> others = seenWith.computeIfAbsent(p.get(0), k -> new ArrayList<>(1));
            if (!others.contains(p.get(1))) {
                others.add(p.get(1));
            }
        });
        c.shared().forEach(s -> {
            if (shared.putIfAbsent(
                            s.identifier(),
                            new SharedRow(s.identifier(), s.reason(), s.markedAt() == null ? at : s.markedAt()))
                    == null) {
                sharedHashes.add(IdentifierHash.of(s.identifier()));
            }
        });
        c.weakKeys().forEach(k -> {
            List<WeakKey> keys = weakOf.computeIfAbsent(k.customerId(), r -> new ArrayList<>(1));
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        c.refused()
                .forEach(r -> refusedOf
                        .computeIfAbsent(r.record(), x -> new ArrayList<>())
                        .add(new RefusedRow(r, r.refusedAt() == null ? at : r.refusedAt())));
        c.names().forEach(n -> {
            List<String> keys = namesOf.computeIfAbsent(n.get(0), r -> new ArrayList<>(1));
            if (!keys.contains(n.get(1))) {
                keys.add(n.get(1));
            }
        });
        c.splits().forEach(s -> split(s, at));
        c.keptApart().forEach(p -> {
            keptApart.add(List.of(p.get(0), p.get(1)));
            keptApart.add(List.of(p.get(1), p.get(0)));
        });
        if (!c.erasedRecords().isEmpty() || !c.erasedHashes().isEmpty()) {
            erase(c.erasedRecords(), c.erasedHashes(), at);
        }
    }

    private void moveGolden(String from, String to) {
        List<String> moved = from.equals(to) ? null : membersOf.remove(from);
        if (moved == null) {
            return;
        }
        moved.forEach(m -> records.get(m).golden = to);
        membersOf.computeIfAbsent(to, g -> new ArrayList<>(moved.size())).addAll(moved);
    }

    /** The absorbed record and everything merged into it (through merged-into pointers) form their own golden customer. */
    private void split(IdentityChange.Split s, Instant at) {
        MergeRow m = merges.get(s.mergeId());
        if (m != null && m.undoneAt == null) {
            m.undoneAt = at;
            m.undoneReason = s.reason();
        }
        Row absorbed = records.get(s.absorbed());
        if (absorbed == null) {
            return;
        }
        absorbed.mergedInto = null;
        absorbed.updatedAt = at;
        Map<String, List<String>> children = new HashMap<>();
        for (String member : membersOf.getOrDefault(absorbed.golden, List.of())) {
            Row r = records.get(member);
            if (r.mergedInto != null) {
                children.computeIfAbsent(r.mergedInto, k -> new ArrayList<>()).add(member);
            }
        }
        Set<String> subtree = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(absorbed.id));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (subtree.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        String oldGolden = absorbed.golden;
        List<String> old = membersOf.get(oldGolden);
        for (String id : subtree) {
            records.get(id).golden = absorbed.id;
            if (old != null) {
                old.remove(id);
            }
        }
        if (old != null && old.isEmpty()) {
            membersOf.remove(oldGolden);
        }
        membersOf
                .computeIfAbsent(absorbed.id, g -> new ArrayList<>(subtree.size()))
                .addAll(subtree);
    }

    private void erase(List<String> erased, List<String> hashes, Instant at) {
        erasedHashes.addAll(hashes);
        Set<Identifier> gone = new HashSet<>();
        for (String id : erased) {
            for (Identifier i : identifiersOf.getOrDefault(id, List.of())) {
                gone.add(i);
                identifiers.remove(i);
                List<String> programs = i.type() == Identifier.Type.MEMBER_CARD ? programsOf.get(i.value()) : null;
                if (programs != null) {
                    programs.remove(i.scope());
                    if (programs.isEmpty()) {
                        programsOf.remove(i.value());
                    }
                }
            }
            identifiersOf.remove(id);
            weakOf.remove(id);
            refusedOf.remove(id);
            attributesOf.remove(id);
            namesOf.remove(id);
            Row r = records.get(id);
            if (r != null) {
                r.erasedAt = at;
                r.updatedAt = at;
            }
        }
        if (!gone.isEmpty()) {
            gone.forEach(seenWith::remove);
            seenWith.values().forEach(others -> others.removeAll(gone));
            seenWith.values().removeIf(List::isEmpty);
        }
    }

    // ---- reads ----

    Optional<Row> record(String id) {
        return Optional.ofNullable(records.get(id));
    }

    /** The golden customer a record belongs to (itself when unknown). */
    String golden(String id) {
        Row r = records.get(id);
        return r == null ? id : r.golden;
    }

    List<String> members(String golden) {
        return membersOf.getOrDefault(golden, List.of());
    }

    int size() {
        return records.size();
    }

    long goldenCustomers() {
        return membersOf.keySet().stream()
                .filter(g -> records.get(g) != null && records.get(g).erasedAt == null)
                .count();
    }

    Optional<Held> holder(Identifier id) {
        return Optional.ofNullable(identifiers.get(id));
    }

    /** The scopes an identifier of this type and value is held in (kept for member cards, the one looked up so). */
    List<String> scopes(Identifier.Type type, String value) {
        return type == Identifier.Type.MEMBER_CARD ? programsOf.getOrDefault(value, List.of()) : List.of();
    }

    boolean isShared(Identifier id) {
        return shared.containsKey(id);
    }

    boolean isSharedHash(String idHash) {
        return sharedHashes.contains(idHash);
    }

    Collection<SharedRow> shared() {
        return shared.values();
    }

    Optional<MergeRow> merge(String mergeId) {
        return Optional.ofNullable(merges.get(mergeId));
    }

    /** The merges on either side of which a record of this golden customer stands, oldest first. */
    List<MergeRow> mergesOf(String golden) {
        Set<String> ids = new LinkedHashSet<>();
        members(golden).forEach(m -> ids.addAll(mergesOf.getOrDefault(m, List.of())));
        return ids.stream()
                .map(merges::get)
                .sorted(Comparator.comparing((MergeRow m) -> m.mergedAt).thenComparing(m -> m.merge.mergeId()))
                .toList();
    }

    List<RefusedRow> refusedOf(String golden) {
        List<RefusedRow> out = new ArrayList<>();
        members(golden).forEach(m -> out.addAll(refusedOf.getOrDefault(m, List.of())));
        out.sort(Comparator.comparing(RefusedRow::refusedAt)
                .thenComparing(r -> r.refused().eventId()));
        return out;
    }

    /** The identifiers of a golden customer's records, in the order they were first seen. */
    List<Identifier> identifiersOf(String golden) {
        List<Held> held = new ArrayList<>();
        members(golden)
                .forEach(m -> identifiersOf.getOrDefault(m, List.of()).forEach(i -> held.add(identifiers.get(i))));
        held.sort(Comparator.comparing(Held::firstSeen)
                .thenComparing(h -> h.identifier().type().name())
                .thenComparing(h -> h.identifier().value()));
        return held.stream().map(Held::identifier).toList();
    }

    List<Identifier> identifiersOfRecord(String record) {
        return identifiersOf.getOrDefault(record, List.of());
    }

    List<Survivorship.Observation> observations(String golden, java.util.function.Function<String, String> sourceType) {
        List<Survivorship.Observation> out = new ArrayList<>();
        members(golden)
                .forEach(m -> attributesOf
                        .getOrDefault(m, List.of())
                        .forEach(a -> out.add(new Survivorship.Observation(
                                a.name(), a.value(), a.source(), sourceType.apply(a.source()), a.observedAt()))));
        return out;
    }

    /** The records of a golden customer with the names (as pinyin keys) each was seen with. */
    Map<String, Set<String>> namesOfRecords(String golden) {
        Map<String, Set<String>> out = new HashMap<>();
        members(golden)
                .forEach(m -> attributesOf.getOrDefault(m, List.of()).stream()
                        .filter(a -> a.name().equals("name"))
                        .map(a -> PersonName.key(a.value()))
                        .filter(k -> k != null)
                        .forEach(k ->
                                out.computeIfAbsent(m, x -> new HashSet<>()).add(k)));
        return out;
    }

    /**
     * Fills {@code s} as the resolver needs it: all golden customers, or only {@code goldens}
     * (after a split) with their records, identifiers, names, weak keys and kept-apart pairs, and,
     * for the whole graph, the shared, erased and seen-with lists.
     */
    void fill(Snapshot s, Set<String> goldens) {
        Collection<String> which = goldens == null ? membersOf.keySet() : goldens;
        for (String g : which) {
            for (String m : members(g)) {
                Row r = records.get(m);
                if (r.erasedAt == null) {
                    s.record(m, g, r.createdAt);
                }
                for (Identifier i : identifiersOf.getOrDefault(m, List.of())) {
                    s.owner(i, m, g);
                    s.clusterIdentifier(g, i);
                }
                attributesOf.getOrDefault(m, List.of()).stream()
                        .filter(a -> a.name().equals("name"))
                        .forEach(a -> s.name(g, PersonName.key(a.value())));
                namesOf.getOrDefault(m, List.of()).forEach(k -> s.name(g, k));
                if (r.erasedAt == null) {
                    weakOf.getOrDefault(m, List.of()).forEach(k -> s.weak(k, g));
                }
            }
        }
        Set<String> only = goldens == null ? null : new HashSet<>();
        if (goldens != null) {
            goldens.forEach(g -> only.addAll(members(g)));
        }
        keptApart.stream()
                .filter(p -> only == null || only.contains(p.get(0)))
                .forEach(p -> s.keptApart(p.get(0), p.get(1)));
        if (goldens != null) {
            return;
        }
        erasedHashes.forEach(s::erasedHash);
        shared.keySet().forEach(s::shared);
        seenWith.forEach((a, others) -> others.forEach(b -> s.seenWith(a, b)));
    }
}
