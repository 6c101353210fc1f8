package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.pricing.PricingFields.BadField;
import io.omnihub.hub.web.Problems;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.pricing.PriceConflict;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Promotions ({@code /api/promotions}): created only when they conflict with nothing (a 409 problem
 * lists every conflict), listed, and cancelled (a running one's prices revert at once).
 */
@RestController
@RequestMapping("/api")
public class PromotionController {

    private final Promotions promotions;
    private final PromotionStore store;
    private final SyncCommandSender sender;
    private final SkuCodeTable codes;
    private final HubProperties hub;

    public PromotionController(
            Promotions promotions,
            PromotionStore store,
            SyncCommandSender sender,
            SkuCodeTable codes,
            HubProperties hub) {
        this.promotions = promotions;
        this.store = store;
        this.sender = sender;
        this.codes = codes;
        this.hub = hub;
    }

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
}
