package io.omnihub.hub.identity;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.omnihub.hub.identity.IdentityChange.Held;
import io.omnihub.hub.identity.IdentityChange.Merged;
import io.omnihub.hub.identity.IdentityChange.Observed;
import io.omnihub.hub.identity.IdentityChange.Refused;
import io.omnihub.hub.identity.IdentityChange.SharedMark;
import io.omnihub.hub.identity.IdentityChange.Split;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityResolver.WeakKey;
import io.omnihub.mappings.model.Identifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An identity log entry as UTF-8 JSON bytes: each fact a positional array and each instant a
 * number of nanoseconds since the epoch, written and read with Jackson's streaming API. Encoding an entry
 * through data binding (a property name per field, ISO-8601 instants through a formatter) was 14 us
 * an event of the resolver's 80 (issue 17, profiled) and twice the bytes. An entry that does not
 * begin with the version field is of the data-binding form (V16 wrote one) and read as such.
 */
public final class IdentityLogCodec {

    private static final JsonFactory JSON = HubJson.mapper().getFactory();
    private static final byte[] VERSION = "{\"v\":2".getBytes(StandardCharsets.US_ASCII);

    private IdentityLogCodec() {}

    /** The entry as UTF-8 JSON. */
    public static byte[] encode(IdentityChange c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                4096 + 256 * (c.identifiers().size() + c.records().size()));
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("v", 2);
            g.writeFieldName("at");
            instant(g, c.at());
            list(g, "r", c.records(), (x, r) -> {
                x.writeString(r.id());
                x.writeString(r.golden());
                instant(x, r.createdAt());
                x.writeString(r.mergedInto());
                instant(x, r.updatedAt());
                instant(x, r.erasedAt());
            });
            list(g, "i", c.identifiers(), (x, h) -> {
                identifier(x, h.identifier());
                x.writeString(h.record());
                x.writeString(h.source());
                instant(x, h.firstSeen());
            });
            list(g, "m", c.merges(), (x, m) -> {
                x.writeString(m.mergeId());
                x.writeString(m.survivor());
                x.writeString(m.absorbed());
                x.writeString(m.evidence());
                strings(x, m.survivorLinks());
                strings(x, m.absorbedLinks());
                instant(x, m.mergedAt());
                instant(x, m.undoneAt());
                x.writeString(m.undoneReason());
            });
            if (!c.goldenMoves().isEmpty()) {
                g.writeArrayFieldStart("g");
                for (var e : c.goldenMoves().entrySet()) {
                    g.writeString(e.getKey());
                    g.writeString(e.getValue());
                }
                g.writeEndArray();
            }
            list(g, "a", c.attributes(), (x, a) -> {
                x.writeString(a.record());
                x.writeString(a.name());
                x.writeString(a.source());
                x.writeString(a.value());
                instant(x, a.observedAt());
            });
            if (!c.touched().isEmpty()) {
                g.writeFieldName("t");
                strings(g, c.touched());
            }
            list(g, "w", c.seenWith(), (x, p) -> {
                identifier(x, p.get(0));
                identifier(x, p.get(1));
            });
            list(g, "s", c.shared(), (x, s) -> {
                identifier(x, s.identifier());
                x.writeString(s.reason());
                instant(x, s.markedAt());
            });
            list(g, "k", c.weakKeys(), (x, k) -> {
                x.writeString(k.phoneBucket());
                x.writeString(k.customerId());
                x.writeString(k.nameKey());
                x.writeString(k.city());
                x.writeString(k.phone());
            });
            list(g, "x", c.refused(), (x, r) -> {
                x.writeString(r.record());
                x.writeString(r.eventId());
                x.writeString(r.reason());
                x.writeString(r.detail());
                x.writeString(r.identifier());
                x.writeString(r.otherId());
                instant(x, r.refusedAt());
            });
            list(g, "p", c.splits(), (x, s) -> {
                x.writeString(s.mergeId());
                x.writeString(s.absorbed());
                x.writeString(s.reason());
            });
            list(g, "ka", c.keptApart(), (x, p) -> {
                x.writeString(p.get(0));
                x.writeString(p.get(1));
            });
            if (!c.erasedRecords().isEmpty()) {
                g.writeFieldName("er");
                strings(g, c.erasedRecords());
            }
            if (!c.erasedHashes().isEmpty()) {
                g.writeFieldName("eh");
                strings(g, c.erasedHashes());
            }
            if (!c.changes().isEmpty()) {
                g.writeArrayFieldStart("c");
                for (var e : c.changes().entrySet()) {
                    g.writeString(e.getKey());
                    g.writeString(e.getValue());
                }
                g.writeEndArray();
            }
            list(g, "n", c.names(), (x, n) -> {
                x.writeString(n.get(0));
                x.writeString(n.get(1));
            });
            if (!c.mergedIds().isEmpty()) {
                g.writeArrayFieldStart("mi");
                for (var e : c.mergedIds().entrySet()) {
                    g.writeStartArray();
                    g.writeString(e.getKey());
                    strings(g, e.getValue());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An entry from its UTF-8 JSON. */
    public static IdentityChange decode(byte[] json) {
        if (!startsWithVersion(json)) {
            return HubJson.read(new String(json, StandardCharsets.UTF_8), IdentityChange.class);
        }
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken(); // {
            IdentityChange c = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("v")) {
                    continue;
                }
                if (field.equals("at")) {
                    c = IdentityChange.at(instantHere(p));
                    continue;
                }
                IdentityChange e = c(c);
                switch (field) {
                    case "r" ->
                        rows(
                                p,
                                () -> e.records()
                                        .add(new IdentityChange.Record(
                                                text(p), text(p), instant(p), text(p), instant(p), instant(p))));
                    case "i" ->
                        rows(p, () -> e.identifiers().add(new Held(identifier(p), text(p), text(p), instant(p))));
                    case "m" ->
                        rows(
                                p,
                                () -> e.merges()
                                        .add(new Merged(
                                                text(p),
                                                text(p),
                                                text(p),
                                                text(p),
                                                strings(p),
                                                strings(p),
                                                instant(p),
                                                instant(p),
                                                text(p))));
                    case "g" -> pairs(p, e.goldenMoves());
                    case "c" -> pairs(p, e.changes());
                    case "mi" -> rows(p, () -> e.mergedIds().put(text(p), strings(p)));
                    case "a" ->
                        rows(p, () -> e.attributes().add(new Observed(text(p), text(p), text(p), text(p), instant(p))));
                    case "t" -> e.touched().addAll(stringsHere(p));
                    case "w" -> rows(p, () -> e.seenWith().add(List.of(identifier(p), identifier(p))));
                    case "s" -> rows(p, () -> e.shared().add(new SharedMark(identifier(p), text(p), instant(p))));
                    case "k" ->
                        rows(p, () -> e.weakKeys().add(new WeakKey(text(p), text(p), text(p), text(p), text(p))));
                    case "x" ->
                        rows(
                                p,
                                () -> e.refused()
                                        .add(new Refused(
                                                text(p), text(p), text(p), text(p), text(p), text(p), instant(p))));
                    case "p" -> rows(p, () -> e.splits().add(new Split(text(p), text(p), text(p))));
                    case "ka" -> rows(p, () -> e.keptApart().add(List.of(text(p), text(p))));
                    case "n" -> rows(p, () -> e.names().add(List.of(text(p), text(p))));
                    case "er" -> e.erasedRecords().addAll(stringsHere(p));
                    case "eh" -> e.erasedHashes().addAll(stringsHere(p));
                    default -> p.skipChildren();
                }
            }
            return c(c);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an identity log entry: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithVersion(byte[] json) {
        if (json.length < VERSION.length) {
            return false;
        }
        for (int i = 0; i < VERSION.length; i++) {
            if (json[i] != VERSION[i]) {
                return false;
            }
        }
        return true;
    }

    private static IdentityChange c(IdentityChange c) {
        if (c == null) {
            throw new IllegalArgumentException("an identity log entry without its time");
        }
        return c;
    }

    // ---- writing ----

    private interface Fields<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private static <T> void list(JsonGenerator g, String field, List<T> rows, Fields<T> fields) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (T row : rows) {
            g.writeStartArray();
            fields.write(g, row);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void instant(JsonGenerator g, Instant i) throws IOException {
        if (i == null) {
            g.writeNull();
        } else {
            g.writeNumber(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano()));
        }
    }

    private static void identifier(JsonGenerator g, Identifier i) throws IOException {
        g.writeString(i.type().name());
        g.writeString(i.scope());
        g.writeString(i.value());
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    // ---- reading: each row an array, read field by field in the order written ----

    private interface Row {
        void read() throws IOException;
    }

    private static void rows(JsonParser p, Row row) throws IOException {
        while (p.nextToken() == JsonToken.START_ARRAY) {
            row.read();
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new IOException("a row with more fields than expected at " + p.currentLocation());
            }
        }
    }

    /** A flat array of key, value, key, value... */
    private static void pairs(JsonParser p, java.util.Map<String, String> into) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String key = p.getText();
            p.nextToken();
            into.put(key, p.getText());
        }
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    private static Instant instant(JsonParser p) throws IOException {
        p.nextToken();
        return instantHere(p);
    }

    private static Instant instantHere(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        long nanos = p.getLongValue();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static Identifier identifier(JsonParser p) throws IOException {
        Identifier.Type type = Identifier.Type.valueOf(text(p));
        String scope = text(p);
        return new Identifier(type, text(p), scope);
    }

    private static List<String> strings(JsonParser p) throws IOException {
        p.nextToken(); // [
        return stringsHere(p);
    }

    /** The strings of the array the parser stands at the start of. */
    private static List<String> stringsHere(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getText());
        }
        return out;
    }
}
