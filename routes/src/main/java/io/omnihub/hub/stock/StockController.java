package io.omnihub.hub.stock;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.web.ApiProblem;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contract §5: {@code GET /api/stock/{sku}} (on hand per location, reserved, ATP, and per channel
 * the target, the last pushed value and when) and {@code GET /api/sync/status} (per channel
 * instance: pending, dead-lettered, last success, lag, drift and time to channel).
 */
@RestController
@RequestMapping("/api")
public class StockController {

    private final StockFigures figures;
    private final SkuCodeTable codes;
    private final HubProperties hub;
    private final OrderChannels channels;

    public StockController(StockFigures figures, SkuCodeTable codes, HubProperties hub, OrderChannels channels) {
        this.figures = figures;
        this.codes = codes;
        this.hub = hub;
        this.channels = channels;
    }

    @GetMapping("/stock/{sku}")
    public Map<String, Object> stock(@PathVariable String sku) {
        return figures.sku(sku, codes.isHubSku(sku), hub.getStock().safetyStockFor(sku))
                .orElseThrow(() -> ApiProblem.notFound("SKU not found", "No SKU " + sku));
    }

    /** Per channel instance: the stock figures at the top level (as contract 5 has them), the prices under {@code prices}. */
    @GetMapping("/sync/status")
    public List<Map<String, Object>> status() {
        return figures.syncStatus(
                channels.all().stream().map(OrderChannel::instanceId).toList());
    }
}
