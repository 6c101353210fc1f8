package io.omnihub.channels.taobao.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.sandbox.sim.SimMoney;
import io.omnihub.sandbox.sim.SimOrder;
import java.time.Instant;

/** A simulated order as a TOP {@code Trade}: tid numbers, yuan strings, GMT+8 local times. */
final class TaobaoTradeJson {

    private TaobaoTradeJson() {}

    static ObjectNode trade(SimOrder o) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("tid", Long.parseLong(o.orderId()));
        t.put("tid_str", o.orderId());
        t.put("status", status(o));
        t.put("type", "fixed");
        t.put("created", time(o.createdAt()));
        t.put("modified", time(o.modifiedAt()));
        if (o.paidAt() != null) {
            t.put("pay_time", time(o.paidAt()));
        }
        t.put("payment", SimMoney.yuan(o.totalFen()));
        t.put("total_fee", SimMoney.yuan(o.totalFen()));
        t.put("post_fee", "0.00");
        t.put("buyer_open_uid", o.buyer().openId());
        t.put("buyer_nick", o.buyer().nick());
        t.put("receiver_name", o.buyer().receiverName());
        t.put("receiver_mobile", o.buyer().maskedPhone());
        t.put("receiver_state", o.buyer().province());
        t.put("receiver_city", o.buyer().city());
        t.put("receiver_district", o.buyer().district());
        t.put("receiver_address", o.buyer().address());
        ArrayNode lines = t.putObject("orders").putArray("order");
        for (SimOrder.Line l : o.lines()) {
            ObjectNode line = lines.addObject();
            line.put("oid", Long.parseLong(l.lineId()));
            line.put("oid_str", l.lineId());
            line.put("num_iid", Long.parseLong(l.itemId()));
            line.put("sku_id", l.skuId());
            line.put("outer_sku_id", l.outerSkuId());
            line.put("title", l.title());
            line.put("num", l.quantity());
            line.put("price", SimMoney.yuan(l.unitPriceFen()));
            line.put("payment", SimMoney.yuan(l.amountFen()));
            line.put("status", status(o));
            line.put(
                    "refund_status", o.status() == io.omnihub.sandbox.sim.SimStatus.REFUNDED ? "SUCCESS" : "NO_REFUND");
        }
        return t;
    }

    private static String status(SimOrder o) {
        return switch (o.status()) {
            case CREATED -> "WAIT_BUYER_PAY";
            case PAID -> "WAIT_SELLER_SEND_GOODS";
            case SHIPPED -> "WAIT_BUYER_CONFIRM_GOODS";
            case COMPLETED -> "TRADE_FINISHED";
            case REFUNDED -> "TRADE_CLOSED";
            case CANCELLED -> "TRADE_CLOSED_BY_TAOBAO";
        };
    }

    private static String time(Instant instant) {
        return TaobaoSimulator.TIME.format(instant.atZone(TaobaoSimulator.GMT8));
    }
}
