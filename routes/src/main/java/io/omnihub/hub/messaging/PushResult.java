package io.omnihub.hub.messaging;

import io.omnihub.mappings.model.SyncCommand;
import java.util.List;

/**
 * What a push of a sync command did; the platform's reason when it refused for good; and the
 * commands to send next because of it (a stock push that gave units back wakes the channels
 * waiting for them).
 */
public record PushResult(Outcome outcome, String reason, List<SyncCommand> next) {

    public static final PushResult UNCHANGED = new PushResult(Outcome.UNCHANGED, null, List.of());

    public enum Outcome {
        PUSHED,
        UNCHANGED,
        DEAD_LETTERED
    }

    public static PushResult pushed() {
        return new PushResult(Outcome.PUSHED, null, List.of());
    }

    public static PushResult deadLettered(String reason) {
        return new PushResult(Outcome.DEAD_LETTERED, reason, List.of());
    }
}
