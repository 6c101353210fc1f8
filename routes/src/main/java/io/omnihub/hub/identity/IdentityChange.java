package io.omnihub.hub.identity;

import io.omnihub.mappings.identity.IdentityResolver.WeakKey;
import io.omnihub.mappings.model.Identifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the identity log: everything a resolved batch, a split, an undo or an erasure
 * changed in the identity graph, as facts (not as the evidence that led to them), so that replaying
 * the log gives the same graph whatever the rules are by then. Applied in the order of its fields
 * by {@link IdentityTables#apply}; {@code at} stamps merges, refusals, shared marks and updates.
 * {@code changes} and {@code mergedIds} say which golden customers it changed and how (as
 * {@code hub.customers} tells it), so that golden records Kafka never acknowledged are sent again;
 * {@code names} the name keys (pinyin) each record was seen with, as the resolver weighs names.
 */
public record IdentityChange(
        Instant at,
        List<Record> records,
        List<Held> identifiers,
        List<Merged> merges,
        Map<String, String> goldenMoves,
        List<Observed> attributes,
        List<String> touched,
        List<List<Identifier>> seenWith,
        List<SharedMark> shared,
        List<WeakKey> weakKeys,
        List<Refused> refused,
        List<Split> splits,
        List<List<String>> keptApart,
        List<String> erasedRecords,
        List<String> erasedHashes,
        Map<String, String> changes,
        Map<String, List<String>> mergedIds,
        List<List<String>> names) {

    /** An entry of an older form lacks the newer fields: they are empty. */
    public IdentityChange {
        records = orEmpty(records);
        identifiers = orEmpty(identifiers);
        merges = orEmpty(merges);
        goldenMoves = goldenMoves == null ? new LinkedHashMap<>() : goldenMoves;
        attributes = orEmpty(attributes);
        touched = orEmpty(touched);
        seenWith = orEmpty(seenWith);
        shared = orEmpty(shared);
        weakKeys = orEmpty(weakKeys);
        refused = orEmpty(refused);
        splits = orEmpty(splits);
        keptApart = orEmpty(keptApart);
        erasedRecords = orEmpty(erasedRecords);
        erasedHashes = orEmpty(erasedHashes);
        changes = changes == null ? new LinkedHashMap<>() : changes;
        mergedIds = mergedIds == null ? new LinkedHashMap<>() : mergedIds;
        names = orEmpty(names);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    /**
     * A customer record (one source record) created in its golden customer. The last three are
     * null but in the entry that took over the graph from the tables of before (V16).
     */
    public record Record(
            String id, String golden, Instant createdAt, String mergedInto, Instant updatedAt, Instant erasedAt) {

        public Record(String id, String golden, Instant createdAt) {
            this(id, golden, createdAt, null, null, null);
        }
    }

    /** An identifier a customer record holds from now on. */
    public record Held(Identifier identifier, String record, String source, Instant firstSeen) {}

    /**
     * {@code absorbed} merged into {@code survivor}; the links as identifier hashes, for the shared
     * split. The last three are null but in the entry that took over the graph from the tables.
     */
    public record Merged(
            String mergeId,
            String survivor,
            String absorbed,
            String evidence,
            List<String> survivorLinks,
            List<String> absorbedLinks,
            Instant mergedAt,
            Instant undoneAt,
            String undoneReason) {

        public Merged(
                String mergeId,
                String survivor,
                String absorbed,
                String evidence,
                List<String> survivorLinks,
                List<String> absorbedLinks) {
            this(mergeId, survivor, absorbed, evidence, survivorLinks, absorbedLinks, null, null, null);
        }
    }

    /** The latest value of an attribute of a record from a source. */
    public record Observed(String record, String name, String source, String value, Instant observedAt) {}

    public record SharedMark(Identifier identifier, String reason, Instant markedAt) {

        public SharedMark(Identifier identifier, String reason) {
            this(identifier, reason, null);
        }
    }

    /** A link the rules refused; {@code identifier} as evidence shows it (masked). */
    public record Refused(
            String record,
            String eventId,
            String reason,
            String detail,
            String identifier,
            String otherId,
            Instant refusedAt) {

        public Refused(String record, String eventId, String reason, String detail, String identifier, String otherId) {
            this(record, eventId, reason, detail, identifier, otherId, null);
        }
    }

    /** A merge undone: {@code absorbed} and the records merged into it stand alone again. */
    public record Split(String mergeId, String absorbed, String reason) {}

    public static IdentityChange at(Instant at) {
        return new IdentityChange(
                at, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** This change and then {@code next}, as one entry. */
    public IdentityChange then(IdentityChange next) {
        IdentityChange c = at(at);
        for (IdentityChange x : List.of(this, next)) {
            c.records.addAll(x.records);
            c.identifiers.addAll(x.identifiers);
            c.merges.addAll(x.merges);
            c.goldenMoves.putAll(x.goldenMoves);
            c.attributes.addAll(x.attributes);
            c.touched.addAll(x.touched);
            c.seenWith.addAll(x.seenWith);
            c.shared.addAll(x.shared);
            c.weakKeys.addAll(x.weakKeys);
            c.refused.addAll(x.refused);
            c.splits.addAll(x.splits);
            c.keptApart.addAll(x.keptApart);
            c.erasedRecords.addAll(x.erasedRecords);
            c.erasedHashes.addAll(x.erasedHashes);
            c.changes.putAll(x.changes);
            x.mergedIds.forEach((g, ids) ->
                    c.mergedIds.computeIfAbsent(g, k -> new ArrayList<>()).addAll(ids));
            c.names.addAll(x.names);
        }
        return c;
    }
}
