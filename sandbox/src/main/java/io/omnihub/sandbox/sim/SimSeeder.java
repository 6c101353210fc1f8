package io.omnihub.sandbox.sim;

import io.omnihub.sandbox.sim.SimShop.Want;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a default run look like a live business: every tick each shop gets new orders from the
 * same crowd of buyers, and some earlier orders are paid, shipped, completed or cancelled.
 */
public final class SimSeeder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimSeeder.class);

    private final Collection<SimShop> shops;
    private final SimPeople people = new SimPeople(500, 42);
    private final Random random = new Random();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-seeder");
        t.setDaemon(true);
        return t;
    });

    public SimSeeder(Collection<SimShop> shops) {
        this.shops = shops;
    }

    public void start(long everyMillis, int ordersPerTick) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick(ordersPerTick);
                    } catch (RuntimeException e) {
                        log.warn("Seeder tick failed: {}", e.toString());
                    }
                },
                0,
                everyMillis,
                TimeUnit.MILLISECONDS);
    }

    /** One round: new orders in every shop, and some existing ones move on. */
    public void tick(int ordersPerTick) {
        for (SimShop shop : shops) {
            List<SimSku> skus = new ArrayList<>(shop.skus());
            if (skus.isEmpty()) {
                continue;
            }
            for (int i = 0; i < ordersPerTick; i++) {
                List<Want> wants = new ArrayList<>();
                int lines = 1 + random.nextInt(Math.min(3, skus.size()));
                for (int l = 0; l < lines; l++) {
                    SimSku sku = skus.get(random.nextInt(skus.size()));
                    if (wants.stream().noneMatch(w -> w.skuId().equals(sku.skuId()))) {
                        wants.add(new Want(sku.skuId(), 1 + random.nextInt(2)));
                    }
                }
                SimStatus status = random.nextInt(4) == 0 ? SimStatus.CREATED : SimStatus.PAID;
                shop.placeOrder(people.pick(random).on(shop.config().platform()), wants, status);
            }
            for (SimOrder order : shop.orders()) {
                if (random.nextInt(10) == 0) {
                    next(order.status()).ifPresent(s -> shop.changeStatus(order.orderId(), s));
                }
            }
        }
    }

    private java.util.Optional<SimStatus> next(SimStatus status) {
        return java.util.Optional.ofNullable(
                switch (status) {
                    case CREATED -> random.nextInt(5) == 0 ? SimStatus.CANCELLED : SimStatus.PAID;
                    case PAID -> SimStatus.SHIPPED;
                    case SHIPPED -> random.nextInt(20) == 0 ? SimStatus.REFUNDED : SimStatus.COMPLETED;
                    default -> null;
                });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
