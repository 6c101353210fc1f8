package io.omnihub.hub.ingest;

import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operating the order pulls:
 * <pre>
 * GET  /api/ingest/{instanceId}/windows?limit=20          the latest completed windows, with their count check
 * POST /api/ingest/{instanceId}/windows/{windowId}/replay  re-derive that window's orders from hub.raw.&lt;instance&gt;
 * POST /api/ingest/{instanceId}/replay?from=..&amp;to=..        the same for any modified-time window (ISO instants)
 * GET  /api/ingest/{instanceId}/dead-letters                what could not be processed, with the reason
 * </pre>
 */
@RestController
@RequestMapping("/api/ingest")
public class IngestController {

    private final Watermarks watermarks;
    private final OrderReplay replay;
    private final OrderChannels channels;
    private final DeadLetters deadLetters;

    public IngestController(
            Watermarks watermarks, OrderReplay replay, OrderChannels channels, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.watermarks = watermarks;
        this.replay = replay;
        this.channels = channels;
    }

    @GetMapping("/{instanceId}/windows")
    public List<Map<String, Object>> windows(
            @PathVariable String instanceId, @RequestParam(defaultValue = "20") int limit) {
        known(instanceId);
        return watermarks.recentWindows(instanceId, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{instanceId}/dead-letters")
    public List<Map<String, Object>> deadLetters(@PathVariable String instanceId) {
        known(instanceId);
        return deadLetters.open(instanceId);
    }

    @PostMapping("/{instanceId}/windows/{windowId}/replay")
    public OrderReplay.Result replayWindow(@PathVariable String instanceId, @PathVariable long windowId) {
        known(instanceId);
        Watermarks.Window w = watermarks
                .window(instanceId, windowId)
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No window " + windowId + " for " + instanceId));
        return replay.replay(instanceId, w.from(), w.to());
    }

    @PostMapping("/{instanceId}/replay")
    public OrderReplay.Result replayRange(
            @PathVariable String instanceId, @RequestParam Instant from, @RequestParam Instant to) {
        known(instanceId);
        if (!to.isAfter(from)) {
            throw problem(HttpStatus.BAD_REQUEST, "'to' must be after 'from'");
        }
        return replay.replay(instanceId, from, to);
    }

    private void known(String instanceId) {
        if (channels.get(instanceId).isEmpty()) {
            throw problem(HttpStatus.NOT_FOUND, "No order-pulling channel instance " + instanceId);
        }
    }

    private static ApiProblem problem(HttpStatus status, String detail) {
        return new ApiProblem(status, status.getReasonPhrase(), detail, null);
    }
}
