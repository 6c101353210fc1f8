package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something a channel told us about a person: who (identifiers) and what (attributes such as
 * name, gender, birthday), from which source and when.
 */
public record MemberEvent(
        String schema,
        String eventId,
        Kind kind,
        String source,
        List<Identifier> identifiers,
        Map<String, String> attributes,
        Instant occurredAt) {

    public static final String SCHEMA = "hub.member-event/1";

    public enum Kind {
        REGISTERED,
        UPDATED,
        DELETED,
        SEEN_ON_ORDER
    }

    public MemberEvent {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
