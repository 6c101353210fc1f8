package io.omnihub.hub.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.hub.security.Callers;
import io.omnihub.hub.web.ApiProblem;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentifierNormalizer;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Golden customers (contract §5): lookup by any identifier, the record with its identifiers and
 * provenance, its merge history, undoing a merge, erasure, and the identifiers marked shared.
 */
@RestController
@RequestMapping("/api/customers")
public class CustomersController {

    private final IdentityReads graph;
    private final Identities identities;
    private final Callers callers;

    public CustomersController(IdentityReads graph, Identities identities, Callers callers) {
        this.graph = graph;
        this.identities = identities;
        this.callers = callers;
    }

    @GetMapping("/lookup")
    public ResponseEntity<String> lookup(@RequestParam Map<String, String> q) {
        Identifier id;
        if (q.containsKey("phone")) {
            id = Identifier.of(Type.PHONE, q.get("phone"));
        } else if (q.containsKey("email")) {
            id = Identifier.of(Type.EMAIL, q.get("email"));
        } else if (q.containsKey("unionId")) {
            id = Identifier.of(Type.UNION_ID, q.get("unionId"));
        } else if (q.containsKey("memberCard")) {
            if (q.containsKey("program")) {
                id = new Identifier(Type.MEMBER_CARD, q.get("memberCard"), q.get("program"));
            } else {
                return anyScope(Type.MEMBER_CARD, q.get("memberCard").trim());
            }
        } else if (q.containsKey("buyerId") && q.containsKey("channel")) {
            id = new Identifier(Type.PLATFORM_BUYER_ID, q.get("buyerId"), q.get("channel"));
        } else if (q.containsKey("memberId") && q.containsKey("partner")) {
            id = new Identifier(Type.PARTNER_MEMBER_ID, q.get("memberId"), q.get("partner"));
        } else if (q.containsKey("openId") && q.containsKey("app")) {
            id = new Identifier(Type.OPEN_ID, q.get("openId"), q.get("app"));
        } else if (q.containsKey("externalUserId") && q.containsKey("corp")) {
            id = new Identifier(Type.WECOM_EXTERNAL_ID, q.get("externalUserId"), q.get("corp"));
        } else {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "No identifier",
                    "give one of phone, memberCard (and optionally program), unionId, email, channel and buyerId, "
                            + "partner and memberId, app and openId, or corp and externalUserId",
                    null);
        }
        Optional<Identifier> normalized = IdentifierNormalizer.normalize(id);
        if (normalized.isEmpty()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "Not an identifier",
                    "the " + id.type()
                            + " given is not one the hub links customers by (masked, virtual, placeholder or malformed)",
                    null);
        }
        if (graph.isShared(normalized.get())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Shared identifier",
                    "this " + id.type() + " is shared by several people (a family's or a shop's) and identifies nobody",
                    null);
        }
        return graph.lookup(normalized.get())
                .map(this::customer)
                .orElseThrow(() -> ApiProblem.notFound("Unknown customer", "no customer has this " + id.type()));
    }

    @GetMapping("/{customerId}")
    public ResponseEntity<String> get(@PathVariable String customerId) {
        return customer(customerId);
    }

    @GetMapping("/{customerId}/merges")
    public ResponseEntity<String> merges(@PathVariable String customerId) {
        if (graph.customer(customerId).isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown customer", "no customer " + customerId, null);
        }
        return json(HttpStatus.OK, graph.merges(customerId));
    }

    @PostMapping("/merges/{mergeId}/undo")
    public ResponseEntity<String> undo(@PathVariable String mergeId) {
        if (!identities.undo(mergeId)) {
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND, "Unknown merge", "no merge " + mergeId + " that is not undone", null);
        }
        return json(HttpStatus.OK, Map.of("mergeId", mergeId, "undone", true));
    }

    @DeleteMapping("/{customerId}")
    public ResponseEntity<String> erase(@PathVariable String customerId) {
        if (graph.customer(customerId).isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown customer", "no customer " + customerId, null);
        }
        return json(HttpStatus.OK, Map.of("erased", identities.erase(customerId)));
    }

    @GetMapping("/shared")
    public ResponseEntity<String> shared() {
        return json(HttpStatus.OK, graph.shared());
    }

    private ResponseEntity<String> anyScope(Type type, String value) {
        List<String> found = graph.lookupAnyScope(type, value);
        if (found.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown customer", "no customer has this " + type, null);
        }
        if (found.size() > 1) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Ambiguous member card",
                    "this card number is in several programs; add program=<channel instance>",
                    null);
        }
        return customer(found.get(0));
    }

    /** The golden record, with {@code linksRefused} (added by issue 17) when a rule kept one of its records apart. */
    private ResponseEntity<String> customer(String customerId) {
        Optional<Customer> c = graph.customer(customerId);
        if (c.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown customer", "no customer " + customerId, null);
        }
        List<Map<String, Object>> refused = graph.linksRefused(c.get().customerId());
        if (refused.isEmpty()) {
            return json(HttpStatus.OK, c.get());
        }
        ObjectNode body = HubJson.mapper().valueToTree(c.get());
        body.set("linksRefused", HubJson.mapper().valueToTree(refused));
        return json(HttpStatus.OK, body);
    }

    /** Phones in full for an operator only. */
    private ResponseEntity<String> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(callers.write(body));
    }
}
