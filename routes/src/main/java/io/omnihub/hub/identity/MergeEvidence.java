package io.omnihub.hub.identity;

import io.omnihub.mappings.identity.IdentifierHash;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.model.Identifier;
import java.util.List;

/**
 * How the identity graph shows what it keeps: a merge's evidence, identifiers masked for logs,
 * evidence and the API, and the hashes that stand for identifiers in merge links and tombstones.
 */
final class MergeEvidence {

    private MergeEvidence() {}

    /** An identifier as evidence shows it: type, scope and masked value. */
    static String shown(Identifier i) {
        return i.type() + ":" + (i.scope().isEmpty() ? "" : i.scope() + ":") + mask(i);
    }

    /**
     * A merge's evidence as the JSON object {eventId, source, observedAt, kind, links}, written by
     * hand: through data binding it was a sixth of a batch's log entry cost, one map a merge.
     */
    static String evidence(IdentityResolver.Merge m) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"eventId\":");
        quoted(b, m.eventId());
        b.append(",\"source\":");
        quoted(b, m.source());
        b.append(",\"observedAt\":");
        quoted(b, m.observedAt().toString());
        b.append(",\"kind\":");
        quoted(
                b,
                m.weak()
                        ? "new source record linked on weak evidence (masked phone, name, city)"
                        : m.newRecord() ? "new source record linked" : "customers merged");
        b.append(",\"links\":[");
        String sep = "";
        for (List<Identifier> side : List.of(m.survivorLinks(), m.absorbedLinks())) {
            for (Identifier i : side) {
                b.append(sep);
                quoted(b, shown(i));
                sep = ",";
            }
        }
        return b.append("]}").toString();
    }

    private static void quoted(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        JSON_STRINGS.quoteAsString(s, b);
        b.append('"');
    }

    private static final com.fasterxml.jackson.core.io.JsonStringEncoder JSON_STRINGS =
            com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();

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
