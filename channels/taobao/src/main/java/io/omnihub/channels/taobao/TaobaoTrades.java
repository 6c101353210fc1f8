package io.omnihub.channels.taobao;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.connectors.ReversePaging;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code taobao.trades.sold.increment.get}: a seller's trades by modified-time window. The
 * platform sorts newest change first and asks callers to page from the last page back: a trade
 * changed during the pull leaves the front of the list, which moves later trades towards earlier
 * pages, so reading backwards sees some twice and none not at all.
 */
public final class TaobaoTrades implements OrderFeed {

    public static final String METHOD = "taobao.trades.sold.increment.get";
    /** The platform refuses windows longer than one day. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);

    public static final int MAX_PAGE_SIZE = 100;

    /** Fields the canonical mapper reads. */
    public static final String FIELDS = String.join(
            ",",
            "tid",
            "tid_str",
            "status",
            "type",
            "created",
            "modified",
            "pay_time",
            "payment",
            "total_fee",
            "post_fee",
            "buyer_open_uid",
            "buyer_nick",
            "receiver_name",
            "receiver_state",
            "receiver_city",
            "receiver_district",
            "receiver_address",
            "receiver_zip",
            "receiver_mobile",
            "orders.oid",
            "orders.oid_str",
            "orders.num_iid",
            "orders.sku_id",
            "orders.outer_iid",
            "orders.outer_sku_id",
            "orders.title",
            "orders.num",
            "orders.price",
            "orders.payment",
            "orders.status",
            "orders.refund_status");

    /** One page: its trades as the platform sent them, and whether another page follows. */
    public record Page(List<JsonNode> trades, boolean hasNext, long totalResults) {}

    private final TopClient client;
    private final int pageSize;

    public TaobaoTrades(TopClient client) {
        this(client, MAX_PAGE_SIZE);
    }

    public TaobaoTrades(TopClient client, int pageSize) {
        this.client = client;
        this.pageSize = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
    }

    @Override
    public Duration maxWindow() {
        return MAX_WINDOW;
    }

    @Override
    public Window modifiedBetween(Instant from, Instant to) {
        long total = count(from, to);
        return new Window(
                ReversePaging.readAll(
                        total,
                        pageSize,
                        1,
                        page -> soldIncrement(from, to, page, pageSize, false).trades()),
                total);
    }

    @Override
    public long count(Instant from, Instant to) {
        return soldIncrement(from, to, 1, 1, false).totalResults();
    }

    @Override
    public String orderId(JsonNode trade) {
        JsonNode tid = trade.hasNonNull("tid_str") ? trade.get("tid_str") : trade.path("tid");
        return tid.asText();
    }

    public Page soldIncrement(Instant startModified, Instant endModified, long pageNo, int pageSize) {
        return soldIncrement(startModified, endModified, pageNo, pageSize, true);
    }

    private Page soldIncrement(
            Instant startModified, Instant endModified, long pageNo, int pageSize, boolean useHasNext) {
        if (Duration.between(startModified, endModified).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException(
                    "TOP windows are at most one day: " + startModified + " .. " + endModified);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", FIELDS);
        params.put("start_modified", TopClient.TIMESTAMP.format(startModified));
        params.put("end_modified", TopClient.TIMESTAMP.format(endModified));
        params.put("page_no", Long.toString(pageNo));
        params.put("page_size", Integer.toString(Math.min(pageSize, MAX_PAGE_SIZE)));
        params.put("use_has_next", Boolean.toString(useHasNext));
        JsonNode response = client.call(METHOD, params);
        List<JsonNode> trades = new ArrayList<>();
        response.path("trades").path("trade").forEach(trades::add);
        return new Page(
                trades,
                response.path("has_next").asBoolean(false),
                response.path("total_results").asLong(-1));
    }
}
