package io.omnihub.channels.jd;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import io.omnihub.connectors.ReversePaging;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code jingdong.pop.order.search} by modified time ({@code dateType=0}), every order state
 * after payment, pages of at most 100 read from the last page back.
 */
public final class JdOrders implements OrderFeed {

    public static final String METHOD = "jingdong.pop.order.search";
    public static final int MAX_PAGE_SIZE = 100;
    /** Every state an order can be in once paid; JD lists unpaid orders nowhere. */
    public static final String ALL_STATES = String.join(
            ",",
            "WAIT_SELLER_STOCK_OUT",
            "WAIT_GOODS_RECEIVE_CONFIRM",
            "WAIT_SELLER_DELIVERY",
            "FINISHED_L",
            "TRADE_CANCELED",
            "LOCKED",
            "PAUSE",
            "POP_ORDER_PAUSE");

    public static final String FIELDS = String.join(
            ",",
            "orderId",
            "venderId",
            "orderType",
            "orderState",
            "orderTotalPrice",
            "orderSellerPrice",
            "orderPayment",
            "freightPrice",
            "orderStartTime",
            "modified",
            "paymentConfirmTime",
            "pin",
            "open_id_buyer",
            "consigneeInfo",
            "itemInfoList");

    private final JosClient client;
    private final int pageSize;

    public JdOrders(JosClient client, int pageSize) {
        this.client = client;
        this.pageSize = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public Window modifiedBetween(Instant from, Instant to) {
        return ReversePaging.window(pageSize, 1, (p, size) -> page(from, to, p, size), "orderTotal", "orderInfoList");
    }

    @Override
    public long count(Instant from, Instant to) {
        return page(from, to, 1, 1).path("orderTotal").asLong();
    }

    @Override
    public String orderId(JsonNode order) {
        return order.path("orderId").asText();
    }

    private JsonNode page(Instant from, Instant to, long page, int size) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("start_date", JosClient.TIMESTAMP.format(from));
        q.put("end_date", JosClient.TIMESTAMP.format(to));
        q.put("order_state", ALL_STATES);
        q.put("optional_fields", FIELDS);
        q.put("page", Long.toString(page));
        q.put("page_size", Integer.toString(size));
        q.put("dateType", 0);
        JsonNode result = client.call(METHOD, q).path("searchorderinfo_result");
        JsonNode api = result.path("apiResult");
        if (!api.path("success").asBoolean(true)) {
            throw new PlatformException(
                    "jd",
                    Kind.PERMANENT,
                    api.path("englishErrCode").asText(),
                    api.path("chineseErrCode").asText(),
                    0);
        }
        return result;
    }
}
