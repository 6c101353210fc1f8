package io.omnihub.hub.wecom;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.connectors.Digests;
import io.omnihub.connectors.wecom.WeComCrypto;
import io.omnihub.connectors.wecom.WeComCrypto.WeComException;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.web.Problems;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WeCom (企业微信) callbacks for a {@code wecom} channel instance, contract §4:
 * {@code GET /webhooks/wecom/{channelId}} answers URL verification with the decrypted echostr;
 * {@code POST} checks {@code msg_signature}, decrypts, checks the receive id, and turns
 * external-contact changes (add / edit / delete contact, follower removed) into member events.
 * The answer comes as soon as the event is stored, well inside WeCom's 5 s. WeCom resends an event
 * it got no answer for; a resend carries the same decrypted message and is processed once, while
 * two distinct events (another contact, change or time) are both kept.
 */
@RestController
@RequestMapping("/webhooks/wecom/{channelId}")
public class WeComCallbackController {

    private static final Logger log = LoggerFactory.getLogger(WeComCallbackController.class);

    private final HubProperties hub;
    private final Inbox inbox;

    public WeComCallbackController(HubProperties hub, Inbox inbox) {
        this.hub = hub;
        this.inbox = inbox;
    }

    @GetMapping
    public ResponseEntity<String> verify(
            @PathVariable String channelId,
            @RequestParam("msg_signature") String signature,
            @RequestParam String timestamp,
            @RequestParam String nonce,
            @RequestParam String echostr) {
        Optional<WeComCrypto> crypto = crypto(channelId);
        if (crypto.isEmpty()) {
            return Problems.problem(
                    HttpStatus.NOT_FOUND, "Unknown channel", "No WeCom channel instance " + channelId, null);
        }
        try {
            return text(HttpStatus.OK, crypto.get().verifyUrl(signature, timestamp, nonce, echostr));
        } catch (WeComException e) {
            return Problems.problem(HttpStatus.UNAUTHORIZED, "Not authenticated", e.getMessage(), null);
        }
    }

    @PostMapping
    public ResponseEntity<String> receive(
            @PathVariable String channelId,
            @RequestParam("msg_signature") String signature,
            @RequestParam String timestamp,
            @RequestParam String nonce,
            @RequestBody(required = false) String body) {
        Optional<WeComCrypto> crypto = crypto(channelId);
        if (crypto.isEmpty()) {
            return Problems.problem(
                    HttpStatus.NOT_FOUND, "Unknown channel", "No WeCom channel instance " + channelId, null);
        }
        String xml;
        try {
            String encrypted = fields(body == null ? "" : body).get("Encrypt");
            if (encrypted == null) {
                return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid callback", "no Encrypt element", "Encrypt");
            }
            xml = crypto.get().open(signature, timestamp, nonce, encrypted);
        } catch (WeComException e) {
            return Problems.problem(HttpStatus.UNAUTHORIZED, "Not authenticated", e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid callback", e.getMessage(), "(body)");
        }
        Map<String, String> event = fields(xml);
        Optional<MemberEvent> member = memberEvent(channelId, event);
        if (member.isEmpty()) {
            log.debug(
                    "{}: WeCom event {} / {} is not about external contacts; acknowledged",
                    channelId,
                    event.get("Event"),
                    event.get("ChangeType"));
            return text(HttpStatus.OK, "success");
        }
        // a resend is the same message byte for byte
        String receipt = "wecom:" + Digests.lowerHex(Digests.md5(xml));
        inbox.accept(channelId, receipt, "members", member.get(), xml);
        return text(HttpStatus.OK, "success");
    }

    /** change_external_contact events onto member events; empty for anything else. */
    static Optional<MemberEvent> memberEvent(String channelId, Map<String, String> e) {
        if (!"change_external_contact".equals(e.get("Event")) || e.get("ExternalUserID") == null) {
            return Optional.empty();
        }
        MemberEvent.Kind kind =
                switch (e.getOrDefault("ChangeType", "")) {
                    case "add_external_contact", "add_half_external_contact" -> MemberEvent.Kind.REGISTERED;
                    case "edit_external_contact", "transfer_fail" -> MemberEvent.Kind.UPDATED;
                    case "del_external_contact", "del_follow_user" -> MemberEvent.Kind.DELETED;
                    default -> null;
                };
        if (kind == null) {
            return Optional.empty();
        }
        String corp = e.getOrDefault("ToUserName", "");
        Map<String, String> attributes = new HashMap<>();
        if (e.get("UserID") != null) {
            attributes.put("followUser", e.get("UserID"));
        }
        attributes.put("wecomChange", e.get("ChangeType"));
        long created = Long.parseLong(e.getOrDefault("CreateTime", "0"));
        return Optional.of(new MemberEvent(
                MemberEvent.SCHEMA,
                channelId + ":" + e.get("ExternalUserID") + ":" + e.get("ChangeType") + ":" + created,
                kind,
                channelId,
                List.of(new Identifier(Identifier.Type.WECOM_EXTERNAL_ID, e.get("ExternalUserID"), corp)),
                attributes,
                Instant.ofEpochSecond(created)));
    }

    /** The direct children of the XML root as name -> text; external entities are refused. */
    static Map<String, String> fields(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            Map<String, String> out = new HashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    out.put(n.getNodeName(), n.getTextContent().trim());
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException("not valid XML: " + e.getMessage());
        }
    }

    private Optional<WeComCrypto> crypto(String channelId) {
        ChannelInstance c = hub.getChannels().get(channelId);
        if (c == null || !WeComChannelType.NAME.equals(c.getType()) || !c.isEnabled()) {
            return Optional.empty();
        }
        WeComSettings settings = WeComSettings.of(c);
        return Optional.of(new WeComCrypto(settings.token(), settings.encodingAesKey(), settings.receiveId()));
    }

    private static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
