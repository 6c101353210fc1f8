package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Customer.AttributeValue;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which value of an attribute survives in the golden record: the one from the most trusted source
 * (the configured order of channel instance ids or types, first most trusted), and among equally
 * trusted ones the most recent. The winner keeps its source and time (provenance).
 */
public final class Survivorship {

    /** One source's latest value of one attribute. {@code sourceType} is the instance's channel type. */
    public record Observation(String name, String value, String source, String sourceType, Instant observedAt) {}

    private final List<String> trust;

    public Survivorship(List<String> trust) {
        this.trust = List.copyOf(trust);
    }

    public Map<String, AttributeValue> golden(Collection<Observation> observations) {
        Map<String, Observation> best = new TreeMap<>();
        Comparator<Observation> better =
                Comparator.comparingInt(this::rank).reversed().thenComparing(Observation::observedAt);
        for (Observation o : observations) {
            if (o.value() == null || o.value().isBlank()) {
                continue;
            }
            best.merge(o.name(), o, (a, b) -> better.compare(a, b) >= 0 ? a : b);
        }
        Map<String, AttributeValue> out = new TreeMap<>();
        best.forEach((name, o) -> out.put(name, new AttributeValue(o.value(), o.source(), o.observedAt())));
        return out;
    }

    /** Lower is more trusted; a source in neither list comes last. */
    private int rank(Observation o) {
        int byId = trust.indexOf(o.source());
        int byType = trust.indexOf(o.sourceType());
        int r = byId >= 0 ? byId : byType >= 0 ? byType : trust.size();
        return r;
    }
}
