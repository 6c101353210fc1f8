package io.omnihub.local;

import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.stock.Inventory;
import io.omnihub.hub.stock.StockLedger.Received;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.sandbox.sim.Sandbox;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With the embedded sandbox, a hub whose ledger is empty counts {@code hub.embedded.sandbox.opening-stock}
 * units of every SKU in the code table at the first online warehouse, so the simulated shops have
 * something to sell: without it the first order of each SKU would leave it at 0 on every channel.
 * Applied to the ledger before the hub takes traffic; 0 turns it off. A bean of
 * {@link EmbeddedDefaultConfiguration}.
 */
public class SandboxOpeningStock implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SandboxOpeningStock.class);

    private final ObjectProvider<Sandbox> sandbox;
    private final long units;
    private final Inventory inventory;
    private final SyncCommandSender sender;
    private final SkuCodeTable codes;
    private final LocationTable locations;
    private final JdbcClient jdbc;

    public SandboxOpeningStock(
            ObjectProvider<Sandbox> sandbox,
            @Value("${hub.embedded.sandbox.opening-stock:200}") long units,
            Inventory inventory,
            SyncCommandSender sender,
            SkuCodeTable codes,
            LocationTable locations,
            JdbcClient jdbc) {
        this.sandbox = sandbox;
        this.units = units;
        this.inventory = inventory;
        this.sender = sender;
        this.codes = codes;
        this.locations = locations;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (sandbox.getIfAvailable() == null
                || units <= 0
                || locations.onlineLocations().isEmpty()
                || jdbc.sql("SELECT count(*) FROM stock_level")
                                .query(Long.class)
                                .single()
                        > 0) {
            return;
        }
        String warehouse = locations.onlineLocations().iterator().next();
        Instant now = Instant.now();
        List<Received> counts = codes.all().stream()
                .map(ChannelSku::sku)
                .distinct()
                .map(sku -> new Received(
                        new StockSnapshot(StockSnapshot.SCHEMA, sku, warehouse, units, "sandbox", now), now))
                .toList();
        sender.send(inventory.apply(counts));
        log.info("Sandbox opening stock: {} units of each of {} SKUs at {}", units, counts.size(), warehouse);
    }
}
