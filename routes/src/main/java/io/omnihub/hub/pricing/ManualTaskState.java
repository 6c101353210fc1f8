package io.omnihub.hub.pricing;

/** A manual task for a channel the hub cannot set a promotion on; {@code manual_task.state} takes only these (V18). */
public enum ManualTaskState {
    OPEN,
    DONE,
    CANCELLED
}
