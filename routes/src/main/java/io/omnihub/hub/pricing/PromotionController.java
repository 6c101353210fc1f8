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
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.pricing.PriceConflict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** 201 when the {@link PromotionRequest} is accepted (with the manual tasks it needs), 409 listing the conflicts. */
    @PostMapping(path = "/promotions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> createPromotion(@RequestBody PromotionRequest body) {
        Promotion candidate;
        try {
            candidate = body.toPromotion(c -> hub.getChannels().get(c) != null, codes::isHubSku, Instant.now());
        } catch (BadField e) {
            throw ApiProblem.badRequest("Invalid promotion", e.getMessage(), e.field);
        }
        if (store.find(candidate.promotionId()).isPresent()) {
            throw ApiProblem.conflict(
                    "Promotion exists", "A promotion " + candidate.promotionId() + " exists already", "promotionId");
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
        Map<String, Object> out = promotionJson(candidate, PromotionState.SCHEDULED);
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
                .orElseThrow(() -> ApiProblem.notFound("No promotion", "No promotion " + id));
    }

    @GetMapping("/promotions")
    public List<Map<String, Object>> listPromotions(@RequestParam(required = false) PromotionState state) {
        return store.list(state).stream()
                .map(s -> promotionJson(s.promotion(), s.state()))
                .toList();
    }

    /** Cancels a scheduled or running promotion; a running one's prices revert now. */
    @DeleteMapping("/promotions/{id}")
    public ResponseEntity<String> cancelPromotion(@PathVariable String id) {
        if (store.find(id).isEmpty()) {
            throw ApiProblem.notFound("No promotion", "No promotion " + id);
        }
        sender.send(promotions.cancel(id));
        return getPromotion(id);
    }

    private static Map<String, Object> promotionJson(Promotion p, PromotionState state) {
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
        out.put("state", state.name());
        return out;
    }
}
