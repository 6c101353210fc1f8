package io.omnihub.hub.pricing;

import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.PriceChange;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.pricing.MasterPrice;
import io.omnihub.mappings.pricing.PromotionPricing;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The price each channel should list for a SKU: its list price (the channel's own or the master
 * one) with the running promotions that change a listed price. A target that changes is recorded
 * as pending in {@code channel_price} and becomes a sync command for the channel's queue.
 */
@Service
public class ChannelPrices {

    private final JdbcClient jdbc;
    private final PriceBook book;
    private final PromotionStore promotions;
    private final OrderChannels channels;
    private final SkuCodeTable codes;

    public ChannelPrices(
            JdbcClient jdbc, PriceBook book, PromotionStore promotions, OrderChannels channels, SkuCodeTable codes) {
        this.jdbc = jdbc;
        this.book = book;
        this.promotions = promotions;
        this.channels = channels;
        this.codes = codes;
    }

    /** Sets a SKU's master price and channel overrides, and recomputes its channel prices. */
    @Transactional
    public List<SyncCommand> set(PriceChange master, List<PriceChange> overrides) {
        book.set(master, overrides);
        return recompute(List.of(master.sku()), master.effectiveAt(), "price");
    }

    /**
     * Recomputes the targets of {@code skus} on every channel that lists them.
     *
     * @param causedAt the change that led here (a price set, a promotion's start or end): time to channel starts there
     * @param reason   {@link SyncCommand#PROMOTION} for a promotion's start or end, otherwise "price"
     */
    public List<SyncCommand> recompute(Collection<String> skus, Instant causedAt, String reason) {
        Map<String, MasterPrice> prices = book.find(skus);
        List<Promotion> running = promotions.running();
        Map<String, Long> before = new HashMap<>();
        jdbc.sql("SELECT channel_id, sku, target_fen FROM channel_price WHERE sku = ANY(CAST(:s AS text[]))")
                .param("s", skus.toArray(String[]::new))
                .query((rs, n) -> before.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getLong(3)))
                .list();
        List<SyncCommand> commands = new ArrayList<>();
        Instant now = Instant.now();
        for (MasterPrice price : prices.values()) {
            listingsOf(price.sku()).forEach((channel, cs) -> {
                List<Promotion> here = running.stream()
                        .filter(p ->
                                p.skus().contains(price.sku()) && p.channels().contains(channel))
                        .toList();
                long target = PromotionPricing.listedPrice(price.listOn(channel), here);
                Long was = before.get(channel + "\u0000" + price.sku());
                if (was == null || was != target) {
                    commands.add(SyncCommand.price(
                            channel, price.sku(), cs.channelItemId(), cs.channelSku(), target, reason, causedAt, now));
                }
            });
        }
        write(commands, causedAt);
        return commands;
    }

    /** The changed targets as pending, in one statement: a promotion on thousands of SKUs starts in one write. */
    private void write(List<SyncCommand> changed, Instant causedAt) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO channel_price (channel_id, sku, channel_sku, channel_item_id, target_fen, target_at, caused_at, state)
                        SELECT c, s, cs, item, t, now(), :cause, 'PENDING'
                          FROM unnest(CAST(:c AS text[]), CAST(:s AS text[]), CAST(:cs AS text[]), CAST(:item AS text[]),
                                      CAST(:t AS bigint[])) AS x(c, s, cs, item, t)
                        ON CONFLICT (channel_id, sku) DO UPDATE SET target_fen = EXCLUDED.target_fen, target_at = now(),
                               channel_sku = EXCLUDED.channel_sku, channel_item_id = EXCLUDED.channel_item_id, reason = NULL,
                               caused_at = CASE WHEN channel_price.state = 'PENDING'
                                                THEN least(channel_price.caused_at, EXCLUDED.caused_at)
                                                ELSE EXCLUDED.caused_at END,
                               state = 'PENDING'
                        """)
                .param("c", changed.stream().map(SyncCommand::channelId).toArray(String[]::new))
                .param("s", changed.stream().map(SyncCommand::sku).toArray(String[]::new))
                .param("cs", changed.stream().map(SyncCommand::channelSku).toArray(String[]::new))
                .param("item", changed.stream().map(SyncCommand::channelItemId).toArray(String[]::new))
                .param("t", changed.stream().map(SyncCommand::value).toArray(Long[]::new))
                .param("cause", Timestamp.from(causedAt))
                .update();
    }

    /** The channel instances the hub pushes prices to: the platform shops (POS and partners take none). */
    public Set<String> pricedChannels() {
        Set<String> priced = new LinkedHashSet<>();
        channels.all().stream().filter(c -> c.listings() != null).forEach(c -> priced.add(c.instanceId()));
        return priced;
    }

    /** Where the hub pushes {@code sku}'s price: each priced channel with a code for it, by channel id. */
    public Map<String, ChannelSku> listingsOf(String sku) {
        Map<String, ChannelSku> listings = new LinkedHashMap<>();
        for (String channel : pricedChannels()) {
            codes.channelSkuFor(channel, sku).ifPresent(cs -> listings.put(channel, cs));
        }
        return listings;
    }

    /** Commands for prices left pending for over a minute: their command may have been lost. */
    public List<SyncCommand> stalePending(String channelId) {
        Instant now = Instant.now();
        return jdbc.sql("""
                        SELECT sku, channel_item_id, channel_sku, target_fen, caused_at FROM channel_price
                         WHERE channel_id = :c AND state = 'PENDING' AND target_at < now() - interval '1 minute'
                        """)
                .param("c", channelId)
                .query((rs, n) -> SyncCommand.price(
                        channelId,
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        "price",
                        rs.getTimestamp(5).toInstant(),
                        now))
                .list();
    }

    /** The SKU's price on each channel as the API shows it: list price, target, last pushed, state and reason. */
    public List<Map<String, Object>> shown(String sku, MasterPrice p) {
        return jdbc.sql("""
                        SELECT channel_id, channel_sku, target_fen, pushed_fen, pushed_at, state, reason FROM channel_price
                         WHERE sku = :s ORDER BY channel_id
                        """)
                .param("s", sku)
                .query((rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("channelId", rs.getString(1));
                    c.put("channelSku", rs.getString(2));
                    c.put("listPrice", Money.fenToYuan(p.listOn(rs.getString(1))));
                    c.put("target", Money.fenToYuan(rs.getLong(3)));
                    c.put("lastPushed", rs.getObject(4) == null ? null : Money.fenToYuan(rs.getLong(4)));
                    c.put(
                            "pushedAt",
                            rs.getTimestamp(5) == null
                                    ? null
                                    : rs.getTimestamp(5).toInstant().toString());
                    c.put("state", rs.getString(6));
                    c.put("reason", rs.getString(7));
                    return c;
                })
                .list();
    }
}
