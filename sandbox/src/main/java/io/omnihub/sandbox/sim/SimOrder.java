package io.omnihub.sandbox.sim;

import java.time.Instant;
import java.util.List;

/** An order in a simulated shop. Immutable: a status change makes a new version. */
public record SimOrder(
        String orderId,
        SimStatus status,
        Instant createdAt,
        Instant paidAt,
        Instant modifiedAt,
        SimBuyer buyer,
        List<Line> lines) {

    public record Line(
            String lineId,
            String itemId,
            String skuId,
            String outerSkuId,
            String title,
            long quantity,
            long unitPriceFen) {
        public long amountFen() {
            return unitPriceFen * quantity;
        }
    }

    /** A buyer as the platform knows them: an open id scoped by the platform, a nick, a masked phone. */
    public record SimBuyer(
            String openId,
            String nick,
            String receiverName,
            String maskedPhone,
            String province,
            String city,
            String district,
            String address) {}

    public long totalFen() {
        return lines.stream().mapToLong(Line::amountFen).sum();
    }

    public SimOrder withStatus(SimStatus next, Instant at) {
        Instant paid = paidAt == null && next == SimStatus.PAID ? at : paidAt;
        return new SimOrder(orderId, next, createdAt, paid, at, buyer, lines);
    }
}
