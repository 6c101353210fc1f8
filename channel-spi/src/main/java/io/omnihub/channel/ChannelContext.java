package io.omnihub.channel;

import io.omnihub.mappings.codes.SkuCodeTable;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** What a channel's connectors are built with: the hub's SKU codes, one HTTP client, the clock. */
public record ChannelContext(SkuCodeTable codes, HttpClient http, Clock clock) {

    /** How long one platform call may take before it counts as failed. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
}
