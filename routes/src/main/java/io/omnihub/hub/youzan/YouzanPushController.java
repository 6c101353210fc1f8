package io.omnihub.hub.youzan;

import static io.omnihub.hub.web.Problems.problem;
import static io.omnihub.hub.web.Problems.tooLarge;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.connectors.youzan.YouzanPushSignature;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.hub.web.WebhookBodies;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.youzan.YouzanMapper;
import io.omnihub.mappings.youzan.YouzanMapper.Push;
import io.omnihub.mappings.youzan.YouzanMapper.StatusChange;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Youzan (有赞云) pushes for a {@code youzan} channel instance, contract §4:
 * {@code POST /webhooks/youzan/{channelId}}. The {@code Event-Sign} header (or, on older pushes, the
 * body's {@code sign}) is checked over the raw bytes with the instance's client id and secret
 * ({@code credentials.app-key} / {@code app-secret}). Customer and member-card events become member
 * events, full trade messages orders, keys-only trade messages a status change of an order the hub
 * holds. Youzan resends a push until it gets {@code {"code":0,"msg":"success"}}, for hours: a resend
 * (same {@code msg_id}, or the same type, shop, id, version and status) is answered the same and
 * stored once. The answer comes once the event is committed to PostgreSQL.
 */
@RestController
public class YouzanPushController {

    static final String SUCCESS = "{\"code\":0,\"msg\":\"success\"}";
    private static final Logger log = LoggerFactory.getLogger(YouzanPushController.class);

    private final HubProperties hub;
    private final SkuCodeTable codes;
    private final Inbox inbox;
    private final OrderStore orders;
    private final DeadLetters deadLetters;
    private final InputLimits limits;
    private final Clock clock;

    public YouzanPushController(
            HubProperties hub,
            SkuCodeTable codes,
            Inbox inbox,
            OrderStore orders,
            DeadLetters deadLetters,
            InputLimits limits,
            Clock clock) {
        this.hub = hub;
        this.codes = codes;
        this.inbox = inbox;
        this.orders = orders;
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.clock = clock;
    }

    @PostMapping("/webhooks/youzan/{channelId}")
    public ResponseEntity<String> receive(
            @PathVariable String channelId,
            @RequestHeader(value = "Event-Sign", required = false) String eventSign,
            HttpServletRequest request)
            throws IOException {
        ChannelInstance channel = hub.getChannels().get(channelId);
        if (channel == null || !YouzanChannelType.NAME.equals(channel.getType()) || !channel.isEnabled()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown channel", "No youzan channel instance " + channelId, null);
        }
        Optional<byte[]> read = WebhookBodies.read(request);
        if (read.isEmpty()) {
            return tooLarge();
        }
        byte[] body = read.get();
        JsonNode json;
        try {
            json = HubJson.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        YouzanSettings settings = YouzanSettings.of(channel);
        String clientId = settings.clientId();
        String secret = settings.clientSecret();
        boolean authentic = YouzanPushSignature.authentic(
                clientId,
                secret,
                eventSign,
                body,
                json == null ? null : json.path("sign").asText(null),
                json == null || !json.path("msg").isTextual()
                        ? null
                        : json.path("msg").asText());
        if (!authentic) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "Not authenticated",
                    "Event-Sign (or the body's sign) does not match MD5(client_id + body + client_secret)",
                    null);
        }
        if (json == null) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON", "(body)");
        }
        Push push;
        try {
            push = YouzanMapper.push(json);
            if (push.clientId() != null && !push.clientId().equals(clientId)) {
                return problem(HttpStatus.UNAUTHORIZED, "Not authenticated", "client_id is not this instance's", null);
            }
            if (push.test()) {
                return success(); // Youzan's health check
            }
            if (inbox.answered(channelId, push.receiptKey()).isPresent()) {
                return success();
            }
            String payload = new String(body, StandardCharsets.UTF_8);
            Instant now = clock.instant();
            Optional<MemberEvent> member = YouzanMapper.member(channelId, push, limits, now);
            if (member.isPresent()) {
                inbox.accept(channelId, push.receiptKey(), "members", member.get(), payload);
                return success();
            }
            Optional<Order> order = YouzanMapper.order(channelId, push, codes, limits, now);
            if (order.isPresent()) {
                inbox.accept(channelId, push.receiptKey(), "orders", order.get(), payload);
                return success();
            }
            Optional<StatusChange> change = YouzanMapper.statusChange(push, limits, now);
            if (change.isPresent()) {
                return statusChange(channelId, push, change.get(), payload);
            }
        } catch (PayloadException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid youzan push", e.getMessage(), e.field());
        }
        log.debug(
                "{}: youzan push {} / {} is not one the hub maps; acknowledged", channelId, push.type(), push.status());
        return success();
    }

    /**
     * Applied to the stored order when the hub holds it; otherwise parked with its reason, so the
     * order can be fetched (youzan.trade.get) and the change replayed instead of silently lost.
     */
    private ResponseEntity<String> statusChange(String channelId, Push push, StatusChange change, String payload) {
        Optional<Order> stored = orders.find(channelId, change.tid());
        if (stored.isEmpty()) {
            deadLetters.park(
                    channelId,
                    "youzan.push",
                    change.tid(),
                    "status change to " + change.status() + " for an order the hub has not received yet (" + push.type()
                            + ")",
                    payload);
            return success();
        }
        Optional<Order> updated = YouzanMapper.apply(stored.get(), change);
        if (updated.isPresent()) {
            inbox.accept(channelId, push.receiptKey(), "orders", updated.get(), payload);
        }
        return success();
    }

    private static ResponseEntity<String> success() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SUCCESS);
    }
}
