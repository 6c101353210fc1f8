package io.omnihub.hub.partner;

import static io.omnihub.hub.web.Problems.problem;
import static io.omnihub.hub.web.Problems.tooLarge;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.web.Problems;
import io.omnihub.hub.web.WebhookBodies;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.partner.PartnerMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partner webhooks, contract §4: {@code POST /webhooks/partners/{channelId}/{kind}}. Checks, in
 * order: a known partner instance and kind (404), the size (413 over 1 MiB), the signature and its
 * timestamp (401), the instance's quota (429 with Retry-After), a request already answered (its
 * first answer again; 422 when the key was used for a different body), the payload (400 naming the
 * field: quantities, amounts and times within {@link InputLimits}, a stock count's SKU and location
 * known). Then the event is stored durably and answered 202 with its id; the inbox.publish route
 * publishes it to Kafka. An order line whose SKU is unknown is kept, parked, and counted as
 * mapping drift, like a platform order's.
 *
 * <p>A request without {@code Idempotency-Key} is keyed by its signature: the same signed request
 * sent again inside the 300 s window is a replay and gets the first answer.
 */
@RestController
public class PartnerWebhookController {

    private static final Set<String> KINDS = Set.of("orders", "stock", "members");

    private final HubProperties hub;
    private final SkuCodeTable codes;
    private final LocationTable locations;
    private final InputLimits limits;
    private final PartnerReceipts receipts;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, RequestQuota> quotas = new ConcurrentHashMap<>();

    public PartnerWebhookController(
            HubProperties hub,
            SkuCodeTable codes,
            LocationTable locations,
            InputLimits limits,
            PartnerReceipts receipts,
            MeterRegistry meters,
            Clock clock) {
        this.hub = hub;
        this.codes = codes;
        this.locations = locations;
        this.limits = limits;
        this.receipts = receipts;
        this.meters = meters;
        this.clock = clock;
    }

    @PostMapping("/webhooks/partners/{channelId}/{kind}")
    public ResponseEntity<String> receive(
            @PathVariable String channelId,
            @PathVariable String kind,
            @RequestHeader(value = "X-Hub-Timestamp", required = false) String timestamp,
            @RequestHeader(value = "X-Hub-Signature", required = false) String signature,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request)
            throws IOException {
        ChannelInstance channel = hub.getChannels().get(channelId);
        if (channel == null || !PartnerChannelType.NAME.equals(channel.getType()) || !channel.isEnabled()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown channel", "No partner channel instance " + channelId, null);
        }
        if (!KINDS.contains(kind)) {
            return problem(
                    HttpStatus.NOT_FOUND, "Unknown kind", "kind must be orders, stock or members, not " + kind, null);
        }
        Optional<byte[]> read = WebhookBodies.read(request);
        if (read.isEmpty()) {
            return tooLarge();
        }
        byte[] body = read.get();
        PartnerSettings settings = PartnerSettings.of(channel);
        PartnerSignature.Problem refused =
                PartnerSignature.check(settings.secret(), timestamp, signature, body, clock.instant());
        if (refused != null) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "Not authenticated",
                    switch (refused) {
                        case MISSING_SIGNATURE -> "X-Hub-Timestamp and X-Hub-Signature are required";
                        case BAD_TIMESTAMP -> "X-Hub-Timestamp must be unix seconds";
                        case STALE_TIMESTAMP -> "X-Hub-Timestamp is more than 300 s away from the hub's clock";
                        case BAD_SIGNATURE -> "X-Hub-Signature does not match the body";
                    },
                    null);
        }
        long retryAfter = quotas.computeIfAbsent(channelId, id -> new RequestQuota(settings.requestsPerSecond()))
                .tryAcquire();
        if (retryAfter > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Retry-After", Long.toString(retryAfter))
                    .body(Problems.json(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests",
                            "Over this channel's quota of " + settings.requestsPerSecond() + " requests/s",
                            null));
        }
        String receiptKey = idempotencyKey != null && !idempotencyKey.isBlank()
                ? "key:" + idempotencyKey.trim()
                : "sig:" + signature.trim();
        String requestSha256 = PartnerReceipts.requestSha256(kind, body);
        Optional<PartnerReceipts.Receipt> earlier = receipts.find(channelId, receiptKey);
        if (earlier.isPresent()) {
            return answer(earlier.get(), requestSha256);
        }
        Object canonical;
        String payload = new String(body, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        try {
            JsonNode json = HubJson.mapper().readTree(body);
            if (json == null) {
                throw new PayloadException("(body)", "is empty");
            }
            canonical = switch (kind) {
                case "orders" -> PartnerMapper.order(channelId, json, codes, limits, now);
                case "stock" -> PartnerMapper.stock(channelId, json, codes, locations, limits, now);
                default -> PartnerMapper.member(channelId, json, limits, now);
            };
        } catch (PayloadException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid " + kind + " payload", e.getMessage(), e.field());
        } catch (IOException e) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON", "(body)");
        }
        Optional<Inbox.Event> event = receipts.accept(channelId, receiptKey, requestSha256, kind, canonical, payload);
        if (event.isEmpty()) {
            // a concurrent request under the same key got there first
            return answer(receipts.find(channelId, receiptKey).orElseThrow(), requestSha256);
        }
        if (canonical instanceof Order order) {
            long parked = order.lines().stream().filter(l -> l.isParked()).count();
            if (parked > 0) {
                // a partner SKU missing from the code table: kept, parked, counted, as OrderIngest does
                meters.counter("hub.mapping.drift", "instance", channelId).increment(parked);
            }
        }
        // committed: the inbox.publish route publishes it to Kafka within moments
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\":\"" + event.get().id() + "\"}");
    }

    /** The first answer again, for the same request; a key reused for another request is refused (Stripe's rule). */
    private static ResponseEntity<String> answer(PartnerReceipts.Receipt earlier, String requestSha256) {
        if (!earlier.answers(requestSha256)) {
            return problem(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; send a new request under a new key",
                    "Idempotency-Key");
        }
        Inbox.Answer a = earlier.answer();
        return ResponseEntity.status(a.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(a.body());
    }
}
