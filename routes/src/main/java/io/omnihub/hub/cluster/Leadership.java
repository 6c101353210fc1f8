package io.omnihub.hub.cluster;

import java.util.OptionalLong;

/**
 * Which hub leads what: a channel instance (its pull, its pushes, its file drops and its sync
 * tasks) or a cluster-wide timer is run by one hub at a time, its leader. Each leadership has an
 * epoch, raised every time it changes hands; a write that must come from the leader only (a
 * watermark advance) carries it and is refused when the epoch has moved on, so a hub that lost
 * leadership without knowing yet (a long pause, a broken connection) cannot move a shop back.
 */
public interface Leadership {

    /** The epoch of this hub's leadership of {@code namespace}; empty while another hub (or none) leads it. */
    OptionalLong epoch(String namespace);
}
