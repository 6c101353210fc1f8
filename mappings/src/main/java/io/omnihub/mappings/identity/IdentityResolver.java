package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Customer.Change;
import io.omnihub.mappings.model.Identifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Resolves a batch of identity evidence, in memory, against what the graph already held about
 * the batch's identifiers (a {@link Snapshot} the store reads in a handful of queries). Events are
 * taken one after another in batch order, exactly as if each were applied alone, and the result is
 * an {@link Outcome} the store writes back in bulk.
 *
 * <p>The rules, per event:
 * <ul>
 *   <li>erased identifiers are ignored; a phone or e-mail seen with more than the allowed number of
 *   distinct anchors of one kind (cards of one program, buyer ids of one platform) becomes shared
 *   and links nothing, except that a record nothing else links whose name key equals that of
 *   exactly one holder of the shared phone joins that holder: an order always, a member record on a
 *   family's phone (at most {@value #FAMILY_HOLDERS} holders) bringing no second anchor of a kind the
 *   holder has;</li>
 *   <li>identifiers already held link the event to their golden customers; several of them are
 *   merged, strongest link first, unless the result would break a limit of {@link IdentityRules}
 *   or the pair was kept apart by an undo: then the weaker link is refused;</li>
 *   <li>a refused link never loses an identifier: the event's new identifiers that do not fit
 *   the customer it joins form a customer of their own, and every refusal is reported
 *   ({@link LinkRefused}, with its reason);</li>
 *   <li>every event with an identifier resolves to a customer record, of its own if nothing
 *   links it (an order on a shared phone included); only an event with no identifier, or
 *   only erased ones, resolves to none, and says which;</li>
 *   <li>the oldest customer survives a merge, so the id people have seen longest stays;</li>
 *   <li>identifiers nobody held yet form a new source record, linked (merged) into the golden
 *   customer with the identifiers that connected them as its evidence, so that when one of those
 *   becomes shared later, the link can be taken back;</li>
 *   <li>weak evidence (masked phone bucket, name, city) only ever joins an event without a full
 *   phone, a masked platform buyer; a record with a full phone is never joined on it.</li>
 * </ul>
 */
public final class IdentityResolver {

    /**
     * What the graph held, before this batch, about the batch's identifiers and their customers;
     * or, kept resident, all of it: a resolution applies its batch to the snapshot as it goes (and
     * {@link Outcome} says what to store), so the same snapshot serves the next batch without
     * reading anything again.
     */
    public static final class Snapshot {
        private final Map<Identifier, String> owners = new HashMap<>();
        private final Map<String, String> goldenOf = new HashMap<>();
        /** The records of each golden customer (only while resident: a batch's snapshot needs no such index). */
        private final Map<String, Set<String>> membersOf = new HashMap<>();
        /** Erasure tombstones as {@link IdentifierHash hashes}, which is all the graph keeps of them. */
        private final Set<String> erasedHashes = new HashSet<>();

        private final Map<String, Instant> createdAt = new HashMap<>();
        private final Map<String, Set<Identifier>> clusters = new HashMap<>();
        private final Set<Identifier> shared = new HashSet<>();
        /** The shared phones as weak keys hash them, to tell a family's phone among a bucket's keys. */
        private final Set<String> sharedPhoneHashes = new HashSet<>();

        private final Set<Identifier> erased = new HashSet<>();
        private final Map<Identifier, Set<Identifier>> anchorsSeen = new HashMap<>();
        private final Set<List<String>> keptApart = new HashSet<>();
        private final Map<String, List<WeakKey>> weak = new HashMap<>();
        private final Map<String, Set<String>> names = new HashMap<>();

        /** An identifier held by a customer record (a member of the golden customer {@code golden}). */
        public void owner(Identifier id, String member, String golden) {
            owners.put(id, member);
            goldenOf.put(member, golden);
        }

        public void golden(String golden, Instant created) {
            createdAt.put(golden, created);
            goldenOf.put(golden, golden);
        }

        /** One identifier of the golden customer's whole cluster (for the limits). */
        public void clusterIdentifier(String golden, Identifier id) {
            clusters.computeIfAbsent(golden, g -> new HashSet<>()).add(id);
        }

        public void shared(Identifier id) {
            markShared(id);
        }

        boolean markShared(Identifier id) {
            if (id.type() == Identifier.Type.PHONE) {
                sharedPhoneHashes.add(IdentifierHash.sha256Hex(id.value()));
            }
            return shared.add(id);
        }

        public void erased(Identifier id) {
            erased.add(id);
        }

        /** An erasure tombstone, known only by its hash. */
        public void erasedHash(String idHash) {
            erasedHashes.add(idHash);
        }

        boolean isErased(Identifier id) {
            return erased.contains(id) || (!erasedHashes.isEmpty() && erasedHashes.contains(IdentifierHash.of(id)));
        }

        /** One customer record of a resident graph: its golden customer and when it was created. */
        public void record(String member, String golden, Instant created) {
            goldenOf.put(member, golden);
            createdAt.put(member, created);
            membersOf.computeIfAbsent(golden, g -> new HashSet<>()).add(member);
        }

        /**
         * Folds a resolved batch's merges into the resident snapshot: every record of an absorbed
         * golden customer now has the survivor's. (Within the batch the resolver follows its own
         * union-find; this makes the next batch see the same.)
         */
        void settle(Map<String, String> goldenNow) {
            goldenNow.forEach((record, golden) -> {
                Set<String> into = membersOf.computeIfAbsent(golden, g -> new HashSet<>());
                if (!golden.equals(record)) { // a golden customer absorbed, or a new record merged in: its records move
                    Set<String> moved = membersOf.remove(record);
                    if (moved != null) {
                        moved.forEach(m -> goldenOf.put(m, golden));
                        into.addAll(moved);
                    }
                }
                goldenOf.put(record, golden);
                into.add(record);
            });
        }

        /** How many customer records the snapshot knows. */
        public int records() {
            return createdAt.size();
        }

        /** The golden customers a resident snapshot holds. */
        public List<String> goldens() {
            return List.copyOf(membersOf.keySet());
        }

        /** The records of a golden customer, as far as this snapshot knows (itself at least). */
        public Set<String> members(String golden) {
            return membersOf.getOrDefault(golden, Set.of(golden));
        }

        /**
         * Forgets these golden customers and all their records, identifiers, names and weak keys, so
         * that they can be loaded again as the store now has them (after a split, an undo).
         */
        public void forget(Collection<String> goldens) {
            Set<String> records = new HashSet<>();
            for (String g : goldens) {
                records.add(g);
                records.addAll(membersOf.getOrDefault(g, Set.of()));
            }
            for (String g : goldens) {
                Set<Identifier> cluster = clusters.remove(g);
                if (cluster != null) {
                    cluster.forEach(i -> {
                        if (records.contains(owners.get(i))) {
                            owners.remove(i);
                        }
                    });
                }
                membersOf.remove(g);
                names.remove(g);
            }
            owners.values().removeIf(records::contains);
            records.forEach(r -> {
                goldenOf.remove(r);
                createdAt.remove(r);
            });
            weak.values().forEach(keys -> keys.removeIf(k -> records.contains(k.customerId())));
        }

        public void seenWith(Identifier shareable, Identifier anchor) {
            anchorsSeen.computeIfAbsent(shareable, k -> new HashSet<>()).add(anchor);
        }

        /** Weak evidence a customer record was seen with, under its masked phone bucket. */
        public void weak(WeakKey key, String golden) {
            List<WeakKey> keys = weak.computeIfAbsent(key.phoneBucket(), b -> new ArrayList<>());
            if (!keys.contains(key)) {
                keys.add(key);
            }
            goldenOf.putIfAbsent(key.customerId(), golden);
        }

        /** A name (as {@link PersonName#key}) a golden customer's records were seen with. */
        public void name(String golden, String nameKey) {
            if (nameKey != null) {
                names.computeIfAbsent(golden, g -> new HashSet<>()).add(nameKey);
            }
        }

        /** Two golden customers an undo separated: they are not merged again. */
        public void keptApart(String goldenA, String goldenB) {
            keptApart.add(List.of(goldenA, goldenB));
            keptApart.add(List.of(goldenB, goldenA));
        }
    }

    /** Weak evidence held by a customer record: masked phone bucket, name key, city, full phone's hash (if any). */
    public record WeakKey(String phoneBucket, String customerId, String nameKey, String city, String phone) {

        /**
         * Exactly the name (its pinyin key: a homophone is the same name) and no other city. Not
         * give or take a character, as a full phone's holder may be: a bucket hides seven digits, and
         * behind one stand relatives (杜璐雪 / 杜璐晨 on one phone) as often as typos.
         */
        boolean sameName(IdentityEvidence.Weak w) {
            return nameKey.equals(w.nameKey()) && (city == null || w.city() == null || city.equals(w.city()));
        }
    }

    /** A customer record this batch created. */
    public record NewCustomer(String customerId, Instant createdAt) {}

    /** An identifier now held by a customer record. */
    public record Link(Identifier identifier, String customerId, String source, Instant firstSeen) {}

    /**
     * {@code absorbedId} joins {@code survivorId}'s golden customer because of {@code eventId}:
     * {@code absorbedLinks} are the event's identifiers on the absorbed side, {@code survivorLinks}
     * those on the survivor's. The link holds while each side has one that is not shared.
     * {@code newRecord}: the absorbed side is the event's own new source record, not a customer
     * that existed before.
     */
    public record Merge(
            String survivorId,
            String absorbedId,
            String eventId,
            String source,
            Instant observedAt,
            List<Identifier> survivorLinks,
            List<Identifier> absorbedLinks,
            boolean newRecord,
            boolean weak) {}

    public record Attribute(String customerId, String name, String source, String value, Instant observedAt) {}

    public record Shared(Identifier identifier, String reason) {}

    /**
     * What one event resolved to: the customer record that holds its strongest identifier and that
     * record's golden customer at the end of the batch; both null, with {@code unresolved} saying
     * why, only when the event has no identifier to link by.
     */
    public record Resolved(String eventId, String memberId, String goldenId, String unresolved) {}

    /** Why a link was not made. {@link #tag()} is the metric's label. */
    public enum Refusal {
        /** The identifier is a family's or a shop's: it links nobody. */
        SHARED_IDENTIFIER,
        /** A phone or e-mail held by a customer of another name (a re-issued number, a family's). */
        NAME_DISAGREES,
        /** The customer would hold more identifiers of one kind than {@link IdentityRules} allows. */
        LIMIT,
        /** An undo keeps the two customers apart. */
        KEPT_APART;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A link {@code eventId} did not make: {@code customerId}, the record that stands apart, was not
     * joined to {@code otherId} (the golden customer it would have joined, null when it is nobody
     * in particular) through {@code identifier}.
     */
    public record LinkRefused(
            String customerId, String eventId, Refusal reason, String detail, Identifier identifier, String otherId) {}

    /** Everything the batch changed, for the store to write. */
    public static final class Outcome {
        public final List<NewCustomer> newCustomers = new ArrayList<>();
        public final List<Link> links = new ArrayList<>();
        public final List<Merge> merges = new ArrayList<>();
        public final List<Shared> shared = new ArrayList<>();
        public final List<Identifier[]> seenWith = new ArrayList<>();
        public final List<Resolved> resolved = new ArrayList<>();
        public final List<WeakKey> weakKeys = new ArrayList<>();
        public final List<LinkRefused> refused = new ArrayList<>();
        /**
         * The name keys each event's record was seen with (record, key): the snapshot keeps every
         * name a customer went by, where the attributes keep a source's latest, and a graph read
         * back must hold the same names to decide the same.
         */
        public final List<List<String>> namesSeen = new ArrayList<>();
        /** Latest value per (customer record, attribute, source). */
        public final Map<List<String>, Attribute> attributes = new LinkedHashMap<>();
        /** Golden customers this batch touched, with what happened to them and whom they absorbed. */
        public final Map<String, Change> changes = new LinkedHashMap<>();

        public final Map<String, List<String>> absorbed = new LinkedHashMap<>();
        /** The records this batch created and the golden customers it absorbed -> their golden customer now. */
        public final Map<String, String> goldenOf = new LinkedHashMap<>();
    }

    /** At most this many people behind a shared phone is a family's; more is a shop's or a clerk's. */
    static final int FAMILY_HOLDERS = 4;

    private final IdentityRules rules;
    private final Supplier<String> newCustomerId;

    public IdentityResolver(IdentityRules rules, Supplier<String> newCustomerId) {
        this.rules = rules;
        this.newCustomerId = newCustomerId;
    }

    /** Resolves the events in order; {@code now} stamps the customers created (microseconds apart). */
    public Outcome resolve(List<IdentityEvidence> events, Snapshot s, Instant now) {
        Run run = new Run(s, now);
        for (IdentityEvidence e : events) {
            run.apply(e);
        }
        return run.finish();
    }

    /** One batch's working state: the snapshot plus a union-find over golden customers. */
    private final class Run {
        final Snapshot s;
        final Outcome out = new Outcome();
        final Map<String, String> parent = new HashMap<>();
        Instant clock;

        Run(Snapshot s, Instant now) {
            this.s = s;
            this.clock = now;
        }

        String golden(String member) {
            String g = s.goldenOf.getOrDefault(member, member);
            while (parent.containsKey(g)) {
                g = parent.get(g);
            }
            return g;
        }

        /** A refusal before the event's own record is known. */
        record Pending(Refusal reason, String detail, Identifier identifier, String other) {}

        void apply(IdentityEvidence e) {
            List<Identifier> ids = new ArrayList<>(e.identifiers());
            if (ids.stream().allMatch(s::isErased)) {
                out.resolved.add(new Resolved(
                        e.eventId(), null, null, ids.isEmpty() ? "no identifier" : "erased identifiers only"));
                return;
            }
            ids.removeIf(s::isErased);
            markShared(ids);
            List<Identifier> shared = ids.stream().filter(s.shared::contains).toList();
            ids.removeAll(shared);
            List<Pending> refused = new ArrayList<>();
            String name = PersonName.key(e.attributes().get("name"));
            if (name != null) {
                // a phone or e-mail held by someone of another name: a re-issued number or a family's;
                // it links nobody for this event (cards and platform ids are not second-guessed)
                for (Identifier i : List.copyOf(ids)) {
                    if (IdentityRules.SHAREABLE.contains(i.type())
                            && s.owners.containsKey(i)
                            && namesDisagree(golden(s.owners.get(i)), name)) {
                        ids.remove(i);
                        refused.add(new Pending(
                                Refusal.NAME_DISAGREES,
                                "held by a customer of another name",
                                i,
                                golden(s.owners.get(i))));
                    }
                }
            }
            ids.sort(IdentityRules.STRONGEST_FIRST);
            List<String> goldens = new ArrayList<>(new LinkedHashSet<>(ids.stream()
                    .filter(s.owners::containsKey)
                    .map(i -> golden(s.owners.get(i)))
                    .toList()));
            // a record nothing else links, on a shared phone: the one holder of exactly its name, if any.
            // An order may always take it. A member record only on a family's phone (a few holders, not
            // a shop's with dozens of walk-ins), and never onto a holder who already has an anchor of
            // the same kind: a second card or member id of one program on a shared phone is another
            // person of the same name, however exact the name.
            String byName = goldens.isEmpty() && name != null
                    ? holderOfName(shared, name, e.fromOrder() ? Integer.MAX_VALUE : FAMILY_HOLDERS)
                    : null;
            if (byName != null) {
                Set<Identifier> held = s.clusters.getOrDefault(byName, Set.of());
                Set<Identifier> together = new HashSet<>(held);
                together.addAll(ids);
                boolean sameKind = !e.fromOrder()
                        && ids.stream()
                                .filter(i -> rules.isAnchor(i.type()))
                                .anyMatch(i -> held.stream()
                                        .anyMatch(h -> h.type() == i.type()
                                                && h.scope().equals(i.scope())));
                if (sameKind || !rules.fits(together)) {
                    byName = null;
                }
            }
            if (byName != null) {
                goldens.add(byName);
            } else {
                shared.forEach(i -> refused.add(
                        new Pending(Refusal.SHARED_IDENTIFIER, "shared by several people, links nobody", i, null)));
            }
            // which golden customers this event joins: strongest link first, each kept only if the
            // result stays within the limits and the pair was not kept apart
            List<String> group = new ArrayList<>();
            Set<Identifier> cluster = new HashSet<>();
            for (String g : goldens) {
                Set<Identifier> together = new HashSet<>(cluster);
                together.addAll(s.clusters.getOrDefault(g, Set.of()));
                if (!group.isEmpty()) {
                    Identifier via = ids.stream()
                            .filter(i -> s.owners.containsKey(i)
                                    && golden(s.owners.get(i)).equals(g))
                            .findFirst()
                            .orElseThrow();
                    if (group.stream().anyMatch(x -> keptApart(x, g))) {
                        refused.add(new Pending(Refusal.KEPT_APART, "kept apart by an undone merge", via, g));
                        continue;
                    }
                    if (!rules.fits(together)) {
                        refused.add(new Pending(
                                Refusal.LIMIT, "joining would give one customer " + brokenLimit(cluster, g), via, g));
                        continue;
                    }
                }
                group.add(g);
                cluster = together;
            }
            List<Identifier> fresh = new ArrayList<>();
            List<Identifier> apart = new ArrayList<>();
            for (Identifier id : ids) { // strongest first: what breaks a limit is the weaker one
                if (!s.owners.containsKey(id)) {
                    if (rules.brokenLimit(cluster, id) == null) {
                        cluster.add(id);
                        fresh.add(id);
                    } else {
                        apart.add(id);
                    }
                }
            }
            String member;
            String target;
            if (group.isEmpty()) {
                target = create(fresh, e);
                member = target;
                out.changes.put(target, Change.CREATED);
            } else {
                target = group.stream()
                        .min(Comparator.comparing((String g) -> s.createdAt.get(g))
                                .thenComparing(Comparator.naturalOrder()))
                        .orElseThrow();
                List<Identifier> held = ids.stream()
                        .filter(i -> s.owners.containsKey(i) && group.contains(golden(s.owners.get(i))))
                        .toList();
                for (String g : group) {
                    if (!g.equals(target)) {
                        List<Identifier> absorbedSide = held.stream()
                                .filter(i -> golden(s.owners.get(i)).equals(g))
                                .toList();
                        List<Identifier> survivorSide = new ArrayList<>(held);
                        survivorSide.removeAll(absorbedSide);
                        survivorSide.addAll(fresh);
                        merge(target, g, e, survivorSide, absorbedSide, false, false);
                    }
                }
                if (fresh.isEmpty()) {
                    member = held.isEmpty() ? target : s.owners.get(held.get(0));
                } else {
                    member = create(fresh, e);
                    merge(target, member, e, held.isEmpty() ? shared : held, fresh, true, false);
                }
                out.changes.merge(
                        target,
                        group.size() > 1 ? Change.MERGED : Change.UPDATED,
                        (a, b) -> a == Change.UPDATED ? b : a);
            }
            s.clusters.put(target, cluster);
            s.name(target, name);
            if (name != null) {
                out.namesSeen.add(List.of(member, name));
            }
            if (!apart.isEmpty()) {
                // what does not fit the customer the event joins is a customer of its own, never dropped
                String alone = create(apart, e);
                out.changes.put(alone, Change.CREATED);
                s.clusters.put(alone, new HashSet<>(apart));
                s.name(alone, name);
                if (name != null) {
                    out.namesSeen.add(List.of(alone, name));
                }
                attributes(alone, e);
                Set<Identifier> inside = new HashSet<>(cluster);
                for (Identifier i : apart) {
                    out.refused.add(new LinkRefused(
                            alone,
                            e.eventId(),
                            Refusal.LIMIT,
                            "joining would give one customer " + rules.brokenLimit(inside, i),
                            i,
                            target));
                    inside.add(i);
                }
            }
            // a phone that is a family's or a shop's, or held by another name, takes no masked buyer in
            boolean phoneRefused = refused.stream().anyMatch(r -> r.identifier().type() == Identifier.Type.PHONE);
            if (e.weak() != null) {
                if (e.weak().phoneHash() == null) { // only a masked buyer joins on weak evidence
                    target = weakLink(e, target, s.clusters.get(target), group.isEmpty());
                } else if (!phoneRefused) { // the same link the other way round: the buyer came first
                    target = adoptMaskedBuyer(e, target, group.isEmpty());
                }
                // kept for a refused phone too: a family's phone, a re-issued number still place the
                // holder in its bucket, where a masked buyer of exactly the holder's name may find it
                WeakKey key = new WeakKey(
                        e.weak().phoneBucket(),
                        member,
                        e.weak().nameKey(),
                        e.weak().city(),
                        e.weak().phoneHash());
                List<WeakKey> known = s.weak.computeIfAbsent(key.phoneBucket(), b -> new ArrayList<>());
                if (!known.contains(key)) {
                    known.add(key);
                    out.weakKeys.add(key);
                }
            }
            attributes(member, e);
            for (Pending r : refused) {
                out.refused.add(
                        new LinkRefused(member, e.eventId(), r.reason(), r.detail(), r.identifier(), r.other()));
            }
            out.resolved.add(new Resolved(e.eventId(), member, null, null));
        }

        void attributes(String member, IdentityEvidence e) {
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                Attribute v = new Attribute(member, a.getKey(), e.source(), a.getValue(), e.observedAt());
                out.attributes.merge(
                        List.of(member, a.getKey(), e.source()),
                        v,
                        (old, neu) -> neu.observedAt().isBefore(old.observedAt()) ? old : neu);
            }
        }

        /** Which limit a cluster of {@code cluster} plus golden customer {@code g}'s would break. */
        String brokenLimit(Set<Identifier> cluster, String g) {
            Set<Identifier> together = new HashSet<>(cluster);
            for (Identifier i : s.clusters.getOrDefault(g, Set.of())) {
                String limit = rules.brokenLimit(together, i);
                if (limit != null) {
                    return limit;
                }
                together.add(i);
            }
            return "more identifiers than allowed";
        }

        /**
         * The one golden customer holding one of these shared phones or e-mails (as its owner, or
         * through an anchor it was seen with) whose names include exactly this name key; null when
         * none or several do.
         */
        String holderOfName(List<Identifier> shared, String name, int maxHolders) {
            Set<String> holders = new LinkedHashSet<>();
            for (Identifier p : shared) {
                if (s.owners.containsKey(p)) {
                    holders.add(golden(s.owners.get(p)));
                }
                for (Identifier anchor : s.anchorsSeen.getOrDefault(p, Set.of())) {
                    if (s.owners.containsKey(anchor)) {
                        holders.add(golden(s.owners.get(anchor)));
                    }
                }
            }
            if (holders.size() > maxHolders) {
                return null;
            }
            List<String> named = holders.stream()
                    .filter(g -> s.names.getOrDefault(g, Set.of()).contains(name))
                    .toList();
            return named.size() == 1 ? named.get(0) : null;
        }

        String create(List<Identifier> fresh, IdentityEvidence e) {
            String id = newCustomerId.get();
            clock = clock.plusNanos(1_000); // microseconds apart: PostgreSQL keeps microseconds
            out.newCustomers.add(new NewCustomer(id, clock));
            s.createdAt.put(id, clock);
            s.goldenOf.put(id, id);
            for (Identifier i : fresh) {
                s.owners.put(i, id);
                out.links.add(new Link(i, id, e.source(), e.observedAt()));
            }
            return id;
        }

        /**
         * Weak evidence (masked phone bucket, name, city, and the full phone where both have one)
         * matching exactly one other golden customer joins the two: a masked platform buyer and the
         * store member behind it. Two or more matches, or two different full phones, are ambiguous
         * and join nothing. The older customer survives. Called only for an event without a full
         * phone: a record that holds one (a member on a clerk's phone, say) is never joined on a
         * bucket and a name, since its own phone already says who it is, or that it is shared.
         */
        String weakLink(IdentityEvidence e, String target, Set<Identifier> cluster, boolean targetIsNew) {
            Set<String> matches = new LinkedHashSet<>();
            Set<String> phones = new HashSet<>();
            if (e.weak().phoneHash() != null) {
                phones.add(e.weak().phoneHash());
            }
            List<WeakKey> bucket = s.weak.getOrDefault(e.weak().phoneBucket(), List.of());
            for (WeakKey k : bucket) {
                String g = golden(k.customerId());
                if (!g.equals(target) && k.sameName(e.weak()) && (!onSharedPhone(k) || onFamilysPhone(k, bucket))) {
                    matches.add(g);
                    if (k.phone() != null) {
                        phones.add(k.phone());
                    }
                }
            }
            // one person only: two full phones behind one bucket and name are two people, and then
            // a masked record could be either of them
            if (matches.size() != 1 || phones.size() > 1) {
                return target;
            }
            return joinOnWeakEvidence(e, target, cluster, matches.iterator().next(), targetIsNew);
        }

        /**
         * Joins {@code target} (the event's golden customer) and {@code other} on weak evidence, if
         * the result keeps within the limits and the two were not kept apart; the older survives.
         */
        String joinOnWeakEvidence(
                IdentityEvidence e, String target, Set<Identifier> cluster, String other, boolean targetIsNew) {
            Set<Identifier> together = new HashSet<>(cluster);
            together.addAll(s.clusters.getOrDefault(other, Set.of()));
            if (!rules.fits(together) || keptApart(other, target)) {
                return target;
            }
            boolean otherOlder = targetIsNew || s.createdAt.get(other).isBefore(s.createdAt.get(target));
            String survivor = otherOlder ? other : target;
            String absorbed = otherOlder ? target : other;
            out.changes.remove(absorbed);
            merge(survivor, absorbed, e, List.of(), List.of(), targetIsNew, true);
            out.changes.merge(
                    survivor, targetIsNew ? Change.UPDATED : Change.MERGED, (a, b) -> a == Change.UPDATED ? b : a);
            s.clusters.put(survivor, together);
            return survivor;
        }

        boolean onSharedPhone(WeakKey k) {
            return k.phone() != null && s.sharedPhoneHashes.contains(k.phone());
        }

        /**
         * On a shared phone a bucket and a name say less: a masked buyer finds a holder of its name
         * only on a family's phone (at most {@link #FAMILY_HOLDERS} holders in the bucket), never on
         * a shop's, as an order on the full phone would.
         */
        boolean onFamilysPhone(WeakKey k, List<WeakKey> bucket) {
            Set<String> holders = new HashSet<>();
            for (WeakKey o : bucket) {
                if (k.phone().equals(o.phone())) {
                    holders.add(golden(o.customerId()));
                }
            }
            return holders.size() <= FAMILY_HOLDERS;
        }

        /**
         * The link {@link #weakLink} makes, when the masked platform buyer came before the record
         * with the full phone: that record takes in the one golden customer of masked records only
         * (no phone of its own) whose weak evidence matches its bucket, name and city. Nobody else
         * with a full phone may match too (the buyer could then be either), and the phone must not
         * be shared (the caller skips a refused phone), so the order records arrive in decides
         * nothing. The record itself is never joined: the buyer joins it.
         */
        String adoptMaskedBuyer(IdentityEvidence e, String target, boolean targetIsNew) {
            Set<String> masked = new LinkedHashSet<>();
            Set<String> withPhone = new HashSet<>();
            for (WeakKey k : s.weak.getOrDefault(e.weak().phoneBucket(), List.of())) {
                String g = golden(k.customerId());
                if (!g.equals(target) && k.sameName(e.weak())) {
                    (k.phone() == null ? masked : withPhone).add(g);
                }
            }
            masked.removeAll(withPhone);
            if (masked.size() != 1 || !withPhone.isEmpty()) {
                return target;
            }
            String buyer = masked.iterator().next();
            if (s.clusters.getOrDefault(buyer, Set.of()).stream().anyMatch(i -> i.type() == Identifier.Type.PHONE)) {
                return target; // a phone of its own says who it is; a bucket and a name do not outweigh it
            }
            return joinOnWeakEvidence(e, target, s.clusters.getOrDefault(target, Set.of()), buyer, targetIsNew);
        }

        void merge(
                String survivor,
                String absorbed,
                IdentityEvidence e,
                List<Identifier> survivorLinks,
                List<Identifier> absorbedLinks,
                boolean newRecord,
                boolean weak) {
            parent.put(absorbed, survivor);
            s.clusters.remove(absorbed);
            s.names.getOrDefault(absorbed, Set.of()).forEach(n -> s.name(survivor, n));
            out.merges.add(new Merge(
                    survivor,
                    absorbed,
                    e.eventId(),
                    e.source(),
                    e.observedAt(),
                    List.copyOf(survivorLinks),
                    List.copyOf(absorbedLinks),
                    newRecord,
                    weak));
            if (!newRecord) {
                out.absorbed.computeIfAbsent(survivor, k -> new ArrayList<>()).add(absorbed);
                out.absorbed
                        .computeIfAbsent(survivor, k -> new ArrayList<>())
                        .addAll(out.absorbed.getOrDefault(absorbed, List.of()));
                out.absorbed.remove(absorbed);
                out.changes.remove(absorbed);
            }
        }

        /** The golden customer has names and none is this one, give or take one letter of pinyin. */
        boolean namesDisagree(String golden, String name) {
            Set<String> known = s.names.get(golden);
            return known != null && !known.isEmpty() && known.stream().noneMatch(k -> PersonName.close(k, name));
        }

        boolean keptApart(String a, String b) {
            for (List<String> pair : s.keptApart) {
                if (golden(pair.get(0)).equals(a) && golden(pair.get(1)).equals(b)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Records which anchors each phone or e-mail came with; too many of one kind makes it shared.
         * A shared one's anchors are still recorded: they are its holders, whom an order's name may pick.
         */
        void markShared(List<Identifier> ids) {
            for (Identifier x : ids) {
                if (rules.isAnchor(x.type())) {
                    continue;
                }
                for (Identifier anchor : ids) {
                    if (!rules.isAnchor(anchor.type())) {
                        continue;
                    }
                    Set<Identifier> seen = s.anchorsSeen.computeIfAbsent(x, k -> new HashSet<>());
                    if (seen.add(anchor)) {
                        out.seenWith.add(new Identifier[] {x, anchor});
                    }
                    long ofKind = seen.stream()
                            .filter(o -> o.type() == anchor.type() && o.scope().equals(anchor.scope()))
                            .count();
                    if (rules.shared((int) ofKind) && s.markShared(x)) {
                        out.shared.add(new Shared(
                                x,
                                "seen with " + ofKind + " different " + anchor.type()
                                        + (anchor.scope().isEmpty() ? "" : " of " + anchor.scope())));
                    }
                }
            }
        }

        Outcome finish() {
            out.resolved.replaceAll(r ->
                    r.memberId() == null ? r : new Resolved(r.eventId(), r.memberId(), golden(r.memberId()), null));
            out.refused.replaceAll(r -> r.otherId() == null
                    ? r
                    : new LinkRefused(
                            r.customerId(), r.eventId(), r.reason(), r.detail(), r.identifier(), golden(r.otherId())));
            // the records this batch created and the golden customers it absorbed: the rest kept theirs
            for (NewCustomer c : out.newCustomers) {
                out.goldenOf.put(c.customerId(), golden(c.customerId()));
            }
            for (String absorbed : parent.keySet()) {
                out.goldenOf.put(absorbed, golden(absorbed));
            }
            s.settle(out.goldenOf);
            Map<String, Change> changes = new LinkedHashMap<>();
            out.changes.forEach((g, c) -> changes.merge(golden(g), c, (a, b) -> a == Change.UPDATED ? b : a));
            out.changes.clear();
            out.changes.putAll(changes);
            return out;
        }
    }
}
