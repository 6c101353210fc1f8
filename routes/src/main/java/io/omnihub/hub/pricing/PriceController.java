package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.pricing.PricingFields.BadField;
import io.omnihub.hub.web.ApiProblem;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.PriceChange;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.pricing.MasterPrice;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master prices and channel overrides ({@code /api/prices}): set by JSON or imported by CSV,
 * checked (a list price above 0, no floor above it, members not charged more), and pushed to every
 * channel. Amounts are decimal yuan strings, as in every contract; a bad field is a 400 problem
 * naming it.
 */
@RestController
@RequestMapping("/api")
public class PriceController {

    private final ChannelPrices channelPrices;
    private final PriceBook book;
    private final SyncCommandSender sender;
    private final SkuCodeTable codes;
    private final HubProperties hub;

    public PriceController(
            ChannelPrices channelPrices,
            PriceBook book,
            SyncCommandSender sender,
            SkuCodeTable codes,
            HubProperties hub) {
        this.channelPrices = channelPrices;
        this.book = book;
        this.sender = sender;
        this.codes = codes;
        this.hub = hub;
    }

    /** Replaces the SKU's prices and channel overrides ({@link PriceRequest}). */
    @PutMapping(path = "/prices/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> putPrice(@PathVariable String sku, @RequestBody PriceRequest body) {
        if (!codes.isHubSku(sku)) {
            throw ApiProblem.notFound("SKU not found", "No SKU " + sku + " in the SKU code table");
        }
        Instant now = Instant.now();
        PriceChange master;
        List<PriceChange> overrides;
        try {
            master = body.master(sku, now);
            overrides = body.overrides(sku, now, c -> hub.getChannels().get(c) != null);
            check(master, overrides);
        } catch (BadField e) {
            throw ApiProblem.badRequest("Invalid price", e.getMessage(), e.field);
        }
        sender.send(channelPrices.set(master, overrides));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(HubJson.write(price(sku)));
    }

    @GetMapping("/prices/{sku}")
    public ResponseEntity<String> getPrice(@PathVariable String sku) {
        if (book.find(sku).isEmpty()) {
            throw ApiProblem.notFound("No price", "SKU " + sku + " has no master price");
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
                    throw ApiProblem.badRequest("Missing column", "The header has no " + column + " column", column);
                }
            }
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw ApiProblem.badRequest("Unreadable CSV", e.getMessage(), null);
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
}
