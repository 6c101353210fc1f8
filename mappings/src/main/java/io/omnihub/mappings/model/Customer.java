package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The golden customer: one per person across every channel. Each attribute carries where its
 * surviving value came from. On {@code hub.customers}, {@code change} says what happened and
 * {@code mergedIds} which customers a merge absorbed (or a split gave back).
 */
public record Customer(
        String schema,
        String customerId,
        List<Identifier> identifiers,
        Map<String, AttributeValue> attributes,
        Instant createdAt,
        Instant updatedAt,
        Change change,
        List<String> mergedIds) {

    public static final String SCHEMA = "hub.customer/1";

    public enum Change {
        CREATED,
        UPDATED,
        MERGED,
        SPLIT,
        ERASED
    }

    public record AttributeValue(String value, String source, Instant observedAt) {}

    public Customer {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        mergedIds = mergedIds == null ? List.of() : List.copyOf(mergedIds);
    }
}
