package io.omnihub.hub.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.web.Problems;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.PriceChange;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.pricing.MasterPrice;
import io.omnihub.mappings.pricing.PriceConflict;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prices, promotions and the manual tasks they leave. Amounts are decimal yuan strings, as in
 * every contract; a bad field is a 400 problem naming it, and a promotion that conflicts is a
 * 409 problem listing every conflict.
 */
@RestController
@RequestMapping("/api")
public class PricingController {

    private final ChannelPrices channelPrices;
    private final PriceBook book;
    private final Promotions promotions;
    private final PromotionStore store;
    private final SyncCommandSender sender;
    private final SkuCodeTable codes;
    private final HubProperties hub;
    private final ManualTasks tasks;

    public PricingController(
            ChannelPrices channelPrices,
            PriceBook book,
            Promotions promotions,
            PromotionStore store,
            SyncCommandSender sender,
            SkuCodeTable codes,
            HubProperties hub,
            ManualTasks tasks) {
        this.channelPrices = channelPrices;
        this.book = book;
        this.promotions = promotions;
        this.store = store;
        this.sender = sender;
        this.codes = codes;
        this.hub = hub;
        this.tasks = tasks;
    }

    /** A field that is missing or wrong: answered 400 naming it. */
    static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    // ---- master prices ------------------------------------------------------------------------

    /**
     * {@code {"listPrice":"199.00","memberPrice":"179.00","floorPrice":"120.00",
     * "channels":{"jd-official":{"listPrice":"189.00"}}}}: replaces the SKU's prices and channel overrides.
     */
    @PutMapping(path = "/prices/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> putPrice(@PathVariable String sku, @RequestBody String body) {
        if (!codes.isHubSku(sku)) {
            return Problems.problem(
                    HttpStatus.NOT_FOUND, "SKU not found", "No SKU " + sku + " in the SKU code table", null);
        }
        JsonNode json;
        try {
            json = HubJson.mapper().readTree(body);
        } catch (IOException e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Not JSON", e.getMessage(), null);
        }
        Instant now = Instant.now();
        List<PriceChange> overrides = new ArrayList<>();
        PriceChange master;
        try {
            master = new PriceChange(
                    PriceChange.SCHEMA,
                    sku,
                    null,
                    required(json, "listPrice"),
                    optional(json, "memberPrice"),
                    optional(json, "floorPrice"),
                    "api",
                    now);
            json.path("channels").fields().forEachRemaining(e -> {
                if (hub.getChannels().get(e.getKey()) == null) {
                    throw new BadField("channels." + e.getKey(), "No channel instance " + e.getKey());
                }
                overrides.add(new PriceChange(
                        PriceChange.SCHEMA,
                        sku,
                        e.getKey(),
                        optional(e.getValue(), "listPrice"),
                        optional(e.getValue(), "memberPrice"),
                        null,
                        "api",
                        now));
            });
            check(master, overrides);
        } catch (BadField e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid price", e.getMessage(), e.field);
        }
        sender.send(channelPrices.set(master, overrides));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(HubJson.write(price(sku)));
    }

    @GetMapping("/prices/{sku}")
    public ResponseEntity<String> getPrice(@PathVariable String sku) {
        if (book.find(sku).isEmpty()) {
            return Problems.problem(HttpStatus.NOT_FOUND, "No price", "SKU " + sku + " has no master price", null);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(HubJson.write(price(sku)));
    }

    /**
     * A CSV of {@code sku,channel,list_price,member_price,floor_price} (header row, any column
     * order): a row with an empty channel is the master price, one with a channel that channel's
     * override; a SKU's overrides are replaced by those in the file. Bad rows are listed with
     * their line and reason; the good SKUs go through.
     */
    @PostMapping(
            path = "/prices/import",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<String> importPrices(@RequestBody String csv) {
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .build()
                .parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))) {
            for (String column : List.of("sku", "list_price")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    return Problems.problem(
                            HttpStatus.BAD_REQUEST,
                            "Missing column",
                            "The header has no " + column + " column",
                            column);
                }
            }
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Unreadable CSV", e.getMessage(), null);
        }
        Instant now = Instant.now();
        ArrayNode errors = HubJson.mapper().createArrayNode();
        Map<String, PriceChange> masters = new LinkedHashMap<>();
        Map<String, List<PriceChange>> channels = new LinkedHashMap<>();
        Map<String, List<Long>> lines = new LinkedHashMap<>();
        for (CSVRecord r : records) {
            long line = r.getRecordNumber() + 1; // the header is line 1
            try {
                String sku = value(r, "sku");
                if (sku == null || !codes.isHubSku(sku)) {
                    throw new BadField("sku", "unknown SKU " + sku);
                }
                String channel = value(r, "channel");
                if (channel != null && hub.getChannels().get(channel) == null) {
                    throw new BadField("channel", "no channel instance " + channel);
                }
                PriceChange c = new PriceChange(
                        PriceChange.SCHEMA,
                        sku,
                        channel,
                        fen(value(r, "list_price"), "list_price"),
                        fen(value(r, "member_price"), "member_price"),
                        fen(value(r, "floor_price"), "floor_price"),
                        "csv",
                        now);
                if (channel == null) {
                    if (c.listPriceFen() == null) {
                        throw new BadField("list_price", "a master row needs list_price");
                    }
                    masters.put(sku, c);
                } else {
                    channels.computeIfAbsent(sku, k -> new ArrayList<>()).add(c);
                }
                lines.computeIfAbsent(sku, k -> new ArrayList<>()).add(line);
            } catch (BadField e) {
                errors.addObject()
                        .put("line", line)
                        .put("field", e.field)
                        .put("reason", e.getMessage())
                        .put("raw", String.join(",", r.toList()));
            }
        }
        int imported = 0;
        List<SyncCommand> commands = new ArrayList<>();
        for (String sku : lines.keySet()) {
            PriceChange master = masters.get(sku);
            if (master == null) {
                MasterPrice known = book.find(sku).orElse(null);
                if (known == null) {
                    for (long line : lines.get(sku)) {
                        errors.addObject()
                                .put("line", line)
                                .put("field", "channel")
                                .put(
                                        "reason",
                                        "SKU " + sku + " has no master price yet: add a row with an empty channel");
                    }
                    continue;
                }
                master = new PriceChange(
                        PriceChange.SCHEMA,
                        sku,
                        null,
                        known.listFen(),
                        known.memberFen(),
                        known.floorFen(),
                        "csv",
                        now);
            }
            List<PriceChange> overrides = channels.getOrDefault(sku, List.of());
            try {
                check(master, overrides);
            } catch (BadField e) {
                for (long line : lines.get(sku)) {
                    errors.addObject().put("line", line).put("field", e.field).put("reason", e.getMessage());
                }
                continue;
            }
            commands.addAll(channelPrices.set(master, overrides));
            imported++;
        }
        sender.send(commands);
        ObjectNode out = HubJson.mapper().createObjectNode();
        out.put("skusImported", imported);
        out.put("rows", records.size());
        out.set("errors", errors);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toString());
    }

    /** The rules a price must keep on its own: a list price above 0, no floor above it, members not charged more. */
    private void check(PriceChange master, List<PriceChange> overrides) {
        if (master.listPriceFen() <= 0) {
            throw new BadField("listPrice", "listPrice must be above 0");
        }
        if (master.floorPriceFen() != null && master.floorPriceFen() > master.listPriceFen()) {
            throw new BadField(
                    "floorPrice",
                    "floorPrice " + Money.fenToYuan(master.floorPriceFen()) + " is above listPrice "
                            + Money.fenToYuan(master.listPriceFen()));
        }
        for (PriceChange c : overrides) {
            if (c.listPriceFen() != null
                    && master.floorPriceFen() != null
                    && c.listPriceFen() < master.floorPriceFen()) {
                throw new BadField(
                        "channels." + c.channelId() + ".listPrice",
                        "listPrice " + Money.fenToYuan(c.listPriceFen()) + " on " + c.channelId()
                                + " is below the floor price " + Money.fenToYuan(master.floorPriceFen()));
            }
            if (hub.getPricing().isEqualMemberPrice()
                    && c.memberPriceFen() != null
                    && !c.memberPriceFen().equals(master.memberPriceFen())) {
                throw new BadField(
                        "channels." + c.channelId() + ".memberPrice",
                        "members pay the same on every channel" + " (hub.pricing.equal-member-price), so "
                                + c.channelId() + " may not have its own member price");
            }
        }
    }

    private Map<String, Object> price(String sku) {
        MasterPrice p = book.find(sku).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        out.put("listPrice", Money.fenToYuan(p.listFen()));
        out.put("memberPrice", p.memberFen() == null ? null : Money.fenToYuan(p.memberFen()));
        out.put("floorPrice", p.floorFen() == null ? null : Money.fenToYuan(p.floorFen()));
        out.put("channels", channelPrices.shown(sku, p));
        out.put(
                "history",
                book.history(sku).stream()
                        .map(h -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("channelId", h.get("channel_id"));
                            row.put("listPrice", yuan(h.get("list_fen")));
                            row.put("memberPrice", yuan(h.get("member_fen")));
                            row.put("floorPrice", yuan(h.get("floor_fen")));
                            row.put("source", h.get("source"));
                            row.put(
                                    "changedAt",
                                    ((java.sql.Timestamp) h.get("changed_at"))
                                            .toInstant()
                                            .toString());
                            return row;
                        })
                        .toList());
        return out;
    }

    // ---- promotions ---------------------------------------------------------------------------

    /**
     * {@code {"promotionId":"D11-TMALL","type":"THRESHOLD_REDUCTION","channels":["tmall-flagship"],
     * "skus":["TEE-WHT-M"],"startsAt":"...Z","endsAt":"...Z","stacking":"STACKABLE","amount":"50.00",
     * "threshold":"300.00"}}: 201 when accepted (with the manual tasks it needs), 409 listing the conflicts.
     */
    @PostMapping(path = "/promotions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> createPromotion(@RequestBody String body) {
        Promotion candidate;
        try {
            candidate = promotion(HubJson.mapper().readTree(body));
        } catch (BadField e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid promotion", e.getMessage(), e.field);
        } catch (IOException e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Not JSON", e.getMessage(), null);
        }
        if (store.find(candidate.promotionId()).isPresent()) {
            return Problems.problem(
                    HttpStatus.CONFLICT,
                    "Promotion exists",
                    "A promotion " + candidate.promotionId() + " exists already",
                    "promotionId");
        }
        Promotions.Created created = promotions.create(candidate);
        if (!created.accepted()) {
            ObjectNode problem = (ObjectNode) HubJson.mapper().valueToTree(Map.of());
            problem.put("type", "about:blank");
            problem.put("title", "Promotion conflicts");
            problem.put("status", 409);
            problem.put(
                    "detail",
                    created.conflicts().size() + " conflict(s): "
                            + created.conflicts().get(0).explanation());
            ArrayNode list = problem.putArray("conflicts");
            for (PriceConflict c : created.conflicts()) {
                ObjectNode o = list.addObject();
                o.put("rule", c.rule().name());
                o.set("promotions", HubJson.mapper().valueToTree(c.promotions()));
                o.put("sku", c.sku());
                o.set("channels", HubJson.mapper().valueToTree(c.channels()));
                o.put("price", c.priceFen() == null ? null : Money.fenToYuan(c.priceFen()));
                o.put("explanation", c.explanation());
            }
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem.toString());
        }
        Map<String, Object> out = promotionJson(candidate, "SCHEDULED");
        out.put("manualTasks", created.tasks());
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(HubJson.write(out));
    }

    @GetMapping("/promotions/{id}")
    public ResponseEntity<String> getPromotion(@PathVariable String id) {
        return store.find(id)
                .map(s -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(HubJson.write(promotionJson(s.promotion(), s.state()))))
                .orElseGet(() -> Problems.problem(HttpStatus.NOT_FOUND, "No promotion", "No promotion " + id, null));
    }

    @GetMapping("/promotions")
    public List<Map<String, Object>> listPromotions(@RequestParam(required = false) String state) {
        return store.list(state).stream()
                .map(s -> promotionJson(s.promotion(), s.state()))
                .toList();
    }

    /** Cancels a scheduled or running promotion; a running one's prices revert now. */
    @DeleteMapping("/promotions/{id}")
    public ResponseEntity<String> cancelPromotion(@PathVariable String id) {
        if (store.find(id).isEmpty()) {
            return Problems.problem(HttpStatus.NOT_FOUND, "No promotion", "No promotion " + id, null);
        }
        sender.send(promotions.cancel(id));
        return getPromotion(id);
    }

    // ---- manual tasks -------------------------------------------------------------------------

    @GetMapping("/tasks")
    public List<Map<String, Object>> tasks(@RequestParam(defaultValue = "OPEN") String state) {
        return tasks.inState(state);
    }

    @PostMapping("/tasks/{id}/done")
    public ResponseEntity<String> taskDone(@PathVariable long id) {
        int n = tasks.done(id) ? 1 : 0;
        return n == 1
                ? ResponseEntity.noContent().build()
                : Problems.problem(HttpStatus.NOT_FOUND, "No open task", "No open task " + id, null);
    }

    private Promotion promotion(JsonNode j) {
        String id = j.path("promotionId").asText("");
        if (id.isBlank()) {
            id = "PROMO-" + UUID.randomUUID().toString().substring(0, 8);
        }
        Promotion.Type type = enumField(Promotion.Type.class, j, "type", null);
        Promotion.Stacking stacking = enumField(Promotion.Stacking.class, j, "stacking", Promotion.Stacking.STACKABLE);
        List<String> channels = strings(j, "channels");
        for (String c : channels) {
            if (hub.getChannels().get(c) == null) {
                throw new BadField("channels", "No channel instance " + c);
            }
        }
        List<String> skus = strings(j, "skus");
        for (String s : skus) {
            if (!codes.isHubSku(s)) {
                throw new BadField("skus", "No SKU " + s + " in the SKU code table");
            }
        }
        Instant from = instant(j, "startsAt");
        Instant to = instant(j, "endsAt");
        if (!to.isAfter(from)) {
            throw new BadField("endsAt", "endsAt must be after startsAt");
        }
        if (!to.isAfter(Instant.now())) {
            throw new BadField("endsAt", "endsAt is in the past");
        }
        Long amount = optional(j, "amount");
        if (amount == null || amount <= 0) {
            throw new BadField("amount", "amount is required and above 0");
        }
        Long threshold = optional(j, "threshold");
        if (type == Promotion.Type.THRESHOLD_REDUCTION && (threshold == null || threshold <= 0)) {
            throw new BadField("threshold", "a threshold reduction needs a threshold above 0");
        }
        return new Promotion(
                Promotion.SCHEMA,
                id,
                type,
                channels,
                skus,
                from,
                to,
                stacking,
                amount,
                threshold == null ? 0 : threshold);
    }

    private static Map<String, Object> promotionJson(Promotion p, String state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("promotionId", p.promotionId());
        out.put("type", p.type().name());
        out.put("channels", p.channels());
        out.put("skus", p.skus());
        out.put("startsAt", p.startsAt().toString());
        out.put("endsAt", p.endsAt().toString());
        out.put("stacking", p.stacking().name());
        out.put("amount", Money.fenToYuan(p.amountFen()));
        out.put("threshold", Money.fenToYuan(p.thresholdFen()));
        out.put("state", state);
        return out;
    }

    private static <E extends Enum<E>> E enumField(Class<E> type, JsonNode j, String field, E otherwise) {
        String v = j.path(field).asText("");
        if (v.isBlank() && otherwise != null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static List<String> strings(JsonNode j, String field) {
        List<String> out = new ArrayList<>();
        j.path(field).forEach(n -> out.add(n.asText()));
        if (out.isEmpty()) {
            throw new BadField(field, field + " must list at least one");
        }
        return out;
    }

    private static Instant instant(JsonNode j, String field) {
        try {
            return Instant.parse(j.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new BadField(field, field + " must be an ISO-8601 UTC instant such as 2026-11-25T02:00:00Z");
        }
    }

    private static long required(JsonNode j, String field) {
        Long v = optional(j, field);
        if (v == null) {
            throw new BadField(field, field + " is required");
        }
        return v;
    }

    private static Long optional(JsonNode j, String field) {
        JsonNode v = j.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : fen(v.asText(), field);
    }

    private static Long fen(String yuan, String field) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        try {
            return Money.yuanToFen(yuan);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + ": " + e.getMessage());
        }
    }

    private static String value(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String yuan(Object fen) {
        return fen == null ? null : Money.fenToYuan(((Number) fen).longValue());
    }
}
