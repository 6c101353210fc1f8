package io.omnihub.channels.douyin;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.connectors.ReversePaging;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code order.searchList} by update time (unix seconds, both ends inclusive), oldest change
 * first, pages of at most 100 counted from 0 and read from the last page back.
 */
public final class DoudianOrders implements OrderFeed {

    public static final String METHOD = "order.searchList";
    public static final int MAX_PAGE_SIZE = 100;

    private final DoudianClient client;
    private final int pageSize;

    public DoudianOrders(DoudianClient client, int pageSize) {
        this.client = client;
        this.pageSize = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public Window modifiedBetween(Instant from, Instant to) {
        return ReversePaging.window(pageSize, 0, (p, size) -> page(from, to, p, size), "total", "shop_order_list");
    }

    @Override
    public long count(Instant from, Instant to) {
        return page(from, to, 0, 1).path("total").asLong();
    }

    @Override
    public String orderId(JsonNode order) {
        return order.path("order_id").asText();
    }

    private JsonNode page(Instant from, Instant to, long page, int size) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("update_time_start", from.getEpochSecond());
        q.put("update_time_end", to.getEpochSecond());
        q.put("order_by", "update_time");
        q.put("order_asc", true);
        q.put("page", page);
        q.put("size", size);
        return client.call(METHOD, q);
    }
}
