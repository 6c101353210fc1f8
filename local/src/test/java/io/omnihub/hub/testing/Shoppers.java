package io.omnihub.hub.testing;

import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimPeople;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Buyers for a simulated shop: rounds of new orders and status changes, with faults injected. */
public final class Shoppers {

    private Shoppers() {}

    /**
     * {@code rounds} rounds of {@code perRound} new orders and {@code perRound / 5} status changes,
     * {@code pauseMillis} apart; every 10th round (from the 5th) a burst of 3 throttled and 2 failed calls.
     */
    public static void shop(SimShop shop, long seed, int rounds, int perRound, long pauseMillis) {
        Random random = new Random(seed);
        SimPeople people = new SimPeople(2000, seed);
        List<SimSku> skus = new ArrayList<>(shop.skus());
        skus.forEach(s -> s.setQuantity(1_000_000));
        List<String> ids = new ArrayList<>();
        // JD lists orders from payment on, and never shows a cancelled unpaid order
        boolean jd = shop.config().platform().equals("jd");
        for (int round = 0; round < rounds; round++) {
            if (round % 10 == 5) {
                shop.faults().throttleNext(3);
                shop.faults().failNext(2);
            }
            for (int i = 0; i < perRound; i++) {
                SimSku sku = skus.get(random.nextInt(skus.size()));
                if (sku.quantity() < 1_000) {
                    // the hub pushes its own share of stock to the shop as it reserves these orders; the
                    // shoppers are here for orders, not stock, so the shelf is refilled
                    sku.setQuantity(1_000_000);
                }
                SimStatus status = jd || random.nextBoolean() ? SimStatus.PAID : SimStatus.CREATED;
                SimOrder o = shop.placeOrder(
                                people.pick(random).on(shop.config().platform()),
                                List.of(new SimShop.Want(sku.skuId(), 1 + random.nextInt(3))),
                                status)
                        .orElseThrow();
                ids.add(o.orderId());
            }
            for (int i = 0; i < perRound / 5; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                SimStatus next =
                        switch (shop.order(id).orElseThrow().status()) {
                            case CREATED -> random.nextInt(4) == 0 ? SimStatus.CANCELLED : SimStatus.PAID;
                            case PAID -> SimStatus.SHIPPED;
                            case SHIPPED -> random.nextInt(10) == 0 ? SimStatus.REFUNDED : SimStatus.COMPLETED;
                            default -> null;
                        };
                if (next != null) {
                    shop.changeStatus(id, next);
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
