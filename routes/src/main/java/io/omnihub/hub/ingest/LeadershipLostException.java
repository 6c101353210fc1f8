package io.omnihub.hub.ingest;

/** A leader-only write from a hub that no longer leads the instance: refused, the new leader does it. */
public class LeadershipLostException extends IllegalStateException {

    public LeadershipLostException(String instanceId, long epoch) {
        super("this hub no longer leads " + instanceId + " (epoch " + epoch
                + " has moved on): the window is left to the new leader");
    }
}
