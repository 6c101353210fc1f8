package io.omnihub.hub.pricing;

import io.omnihub.hub.config.HubProperties;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.pricing.PriceConflict;
import io.omnihub.mappings.pricing.PromotionCheck;
import io.omnihub.mappings.pricing.PromotionPricing;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promotions from their creation to their end: checked before they are accepted, started and
 * ended on time (their listed prices pushed, then reverted), and turned into manual tasks for
 * what a platform's API cannot take.
 */
@Service
public class Promotions {

    /** Accepted (with the manual tasks it needs), or refused with the conflicts. */
    public record Created(Promotion promotion, List<PriceConflict> conflicts, List<Map<String, Object>> tasks) {
        public boolean accepted() {
            return conflicts.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final PromotionStore store;
    private final PriceBook book;
    private final ChannelPrices channelPrices;
    private final SkuCodeTable codes;
    private final HubProperties.Pricing settings;

    public Promotions(
            JdbcClient jdbc,
            PromotionStore store,
            PriceBook book,
            ChannelPrices channelPrices,
            SkuCodeTable codes,
            HubProperties hub) {
        this.jdbc = jdbc;
        this.store = store;
        this.book = book;
        this.channelPrices = channelPrices;
        this.codes = codes;
        this.settings = hub.getPricing();
    }

    /** Checks the promotion against every other open one and accepts it only when nothing conflicts. */
    @Transactional
    public Created create(Promotion candidate) {
        // one check at a time: two promotions checked side by side could each pass without the other
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('promotion-check', 0))")
                .query()
                .singleRow();
        List<PriceConflict> conflicts = PromotionCheck.check(
                candidate,
                store.open(),
                book.find(candidate.skus()),
                listedOn(candidate.skus()),
                new PromotionCheck.Policy(settings.isEqualMemberPrice()));
        if (!conflicts.isEmpty()) {
            return new Created(candidate, conflicts, List.of());
        }
        store.insert(candidate);
        return new Created(candidate, List.of(), manualTasks(candidate));
    }

    /**
     * Starts the promotions whose start has come and ends those whose end has: their SKUs'
     * channel prices are recomputed, time to channel counted from the start or end.
     */
    @Transactional
    public List<SyncCommand> tick(Instant now) {
        List<SyncCommand> commands = new ArrayList<>();
        for (Promotion p : store.endDue(now)) {
            commands.addAll(channelPrices.recompute(p.skus(), p.endsAt(), SyncCommand.PROMOTION));
        }
        for (Promotion p : store.startDue(now)) {
            commands.addAll(channelPrices.recompute(p.skus(), p.startsAt(), SyncCommand.PROMOTION));
        }
        return commands;
    }

    /** Cancels an open promotion: a running one's prices revert now; its open set-up tasks are cancelled. */
    @Transactional
    public List<SyncCommand> cancel(String promotionId) {
        Promotion p = store.find(promotionId).orElseThrow().promotion();
        if (!store.cancel(promotionId)) {
            return List.of();
        }
        jdbc.sql("""
                        UPDATE manual_task SET state = 'CANCELLED' WHERE promotion_id = :id AND state = 'OPEN'
                           AND (action = 'SET_UP' OR NOT EXISTS (SELECT 1 FROM manual_task s WHERE s.promotion_id = :id
                                                                  AND s.action = 'SET_UP' AND s.state = 'DONE'))
                        """).param("id", promotionId).update();
        jdbc.sql("UPDATE manual_task SET due_at = least(due_at, now()) WHERE promotion_id = :id AND state = 'OPEN'")
                .param("id", promotionId)
                .update();
        return channelPrices.recompute(p.skus(), Instant.now(), SyncCommand.PROMOTION);
    }

    /**
     * A threshold reduction, coupon or member price is not a listed price: no platform API the hub
     * speaks sets one up; and the hub pushes no prices at all to POS or partner channels. Each such
     * promotion and channel becomes a task, set up by its start and taken down at its end, listed
     * at {@code /api/tasks} until a person marks it done: never a silent skip.
     */
    private List<Map<String, Object>> manualTasks(Promotion p) {
        Set<String> pushedTo = channelPrices.pricedChannels();
        String what =
                switch (p.type()) {
                    case DIRECT_DISCOUNT -> Money.fenToYuan(p.amountFen()) + " off the price";
                    case FLASH_SALE_PRICE -> "flash-sale price " + Money.fenToYuan(p.amountFen());
                    case THRESHOLD_REDUCTION ->
                        Money.fenToYuan(p.amountFen()) + " off orders from " + Money.fenToYuan(p.thresholdFen());
                    case COUPON ->
                        "a coupon of " + Money.fenToYuan(p.amountFen())
                                + (p.thresholdFen() > 0 ? " on orders from " + Money.fenToYuan(p.thresholdFen()) : "");
                    default -> "member price " + Money.fenToYuan(p.amountFen());
                };
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String channel : p.channels()) {
            if (PromotionPricing.changesListedPrice(p.type()) && pushedTo.contains(channel)) {
                continue; // the hub pushes this one's prices itself
            }
            List<String> skus = new ArrayList<>();
            for (String sku : p.skus()) {
                skus.add(codes.channelSkuFor(channel, sku)
                        .map(ChannelSku::channelSku)
                        .map(cs -> sku + " (" + cs + ")")
                        .orElse(sku));
            }
            String setUp =
                    "Set up " + p.promotionId() + " on " + channel + ": " + what + " for " + String.join(", ", skus)
                            + ", from " + p.startsAt() + " to " + p.endsAt()
                            + (pushedTo.contains(channel)
                                    ? " (the platform's API does not take this promotion type)"
                                    : " (the hub pushes no prices to this channel)");
            String takeDown = "Check " + p.promotionId() + " has ended on " + channel + " at " + p.endsAt()
                    + " and take it down if the platform left it running";
            tasks.add(task(p.promotionId(), channel, "SET_UP", p.startsAt(), setUp));
            tasks.add(task(p.promotionId(), channel, "TAKE_DOWN", p.endsAt(), takeDown));
        }
        return tasks;
    }

    private Map<String, Object> task(
            String promotionId, String channel, String action, Instant due, String description) {
        long id = jdbc.sql("""
                        INSERT INTO manual_task (promotion_id, channel_id, action, due_at, description, state, created_at)
                        VALUES (:p, :c, :a, :due, :d, 'OPEN', now()) RETURNING id
                        """)
                .param("p", promotionId)
                .param("c", channel)
                .param("a", action)
                .param("due", Timestamp.from(due))
                .param("d", description)
                .query(Long.class)
                .single();
        return Map.of(
                "id", id, "channelId", channel, "action", action, "dueAt", due.toString(), "description", description);
    }

    /** The channel instances each SKU is listed on (it has a code there and the hub pushes its price there). */
    private Map<String, Set<String>> listedOn(List<String> skus) {
        Map<String, Set<String>> listed = new HashMap<>();
        skus.forEach(sku -> listed.put(sku, channelPrices.listingsOf(sku).keySet()));
        return listed;
    }
}
