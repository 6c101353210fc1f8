package io.omnihub.channels.taobao;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code taobao.item.quantity.update} (full quantity, type 1, or an increment, type 2, by num_iid +
 * sku_id), {@code taobao.item.sku.get} / {@code taobao.item.seller.get} to read it back, and
 * {@code taobao.item.sku.price.update} (by num_iid + the SKU's property string), or
 * {@code taobao.item.price.update} for an item without SKU variants. Prices are yuan on the wire.
 *
 * <p>The TOP reference lists for {@code taobao.item.sku.price.update} {@code num_iid} and
 * {@code properties} ("pid:vid;pid:vid", e.g. {@code 1627207:28326}) as required, and no sku_id:
 * a SKU's price is addressed by its properties. The hub's code table knows the sku_id, so the
 * properties are learnt from {@code taobao.item.sku.get} (required: fields, sku_id) and kept per
 * SKU for the life of the process. A price update refused with properties kept from an earlier
 * read reads them again, in case the seller re-cut the item's variants, and is sent once more
 * if they changed.
 */
public final class TaobaoItems implements ListingUpdates {

    static final String SKU_FIELDS = "sku_id,num_iid,properties,quantity";

    private final TopClient client;
    /** Property strings by sku_id, as the item read gave them. */
    private final Map<String, String> properties = new ConcurrentHashMap<>();

    public TaobaoItems(TopClient client) {
        this.client = client;
    }

    @Override
    public void setStock(SkuRef sku, long quantity, String requestId) {
        updateQuantity(sku, quantity, "1");
    }

    /** {@code type=2}: an increment, which may be negative; Taobao refuses one that would go below 0. */
    @Override
    public boolean adjustsStock() {
        return true;
    }

    @Override
    public void adjustStock(SkuRef sku, long delta, String requestId) {
        updateQuantity(sku, delta, "2");
    }

    /**
     * {@code taobao.item.sku.get} for a SKU variant, {@code taobao.item.seller.get} for an item
     * without variants.
     */
    @Override
    public long stock(SkuRef sku) {
        if (isVariant(sku)) {
            return readSku(sku).path("quantity").asLong();
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        p.put("fields", "num_iid,num");
        return client.call("taobao.item.seller.get", p).path("item").path("num").asLong();
    }

    /** Reads one SKU variant, and keeps its property string for price updates. */
    private JsonNode readSku(SkuRef sku) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        p.put("fields", SKU_FIELDS);
        p.put("sku_id", sku.skuId());
        JsonNode node = client.call("taobao.item.sku.get", p).path("sku");
        String props = node.path("properties").asText("");
        if (!props.isBlank()) {
            properties.put(sku.skuId(), props);
        }
        return node;
    }

    /** The SKU's property string: known from an earlier read, or read now. */
    String propertiesOf(SkuRef sku) {
        String known = properties.get(sku.skuId());
        if (known != null) {
            return known;
        }
        readSku(sku);
        known = properties.get(sku.skuId());
        if (known == null) {
            throw new PlatformException(
                    "taobao",
                    Kind.PERMANENT,
                    "no-properties",
                    "taobao.item.sku.get gave no properties for SKU " + sku.skuId() + " of item " + sku.itemId(),
                    0);
        }
        return known;
    }

    private static boolean isVariant(SkuRef sku) {
        return sku.skuId() != null && !sku.skuId().equals(sku.itemId());
    }

    /** Required: num_iid, quantity; sku_id addresses a variant (outer_id, the merchant code, when there is no sku_id). */
    private void updateQuantity(SkuRef sku, long quantity, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        if (isVariant(sku)) {
            p.put("sku_id", sku.skuId());
        } else if (sku.outerId() != null && sku.skuId() == null) {
            p.put("outer_id", sku.outerId());
        }
        p.put("quantity", Long.toString(quantity));
        p.put("type", type);
        client.call("taobao.item.quantity.update", p);
    }

    @Override
    public void setPrice(SkuRef sku, long priceFen) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        if (!isVariant(sku)) {
            p.put("price", yuan(priceFen));
            client.call("taobao.item.price.update", p);
            return;
        }
        boolean known = properties.containsKey(sku.skuId());
        p.put("properties", propertiesOf(sku));
        p.put("price", yuan(priceFen));
        try {
            client.call("taobao.item.sku.price.update", p);
        } catch (PlatformException e) {
            if (e.isRetryable()) {
                throw e;
            }
            properties.remove(sku.skuId());
            if (!known) {
                throw e;
            }
            // the properties kept from an earlier read may be stale (variants re-cut): read them once more
            String before = p.get("properties");
            p.put("properties", propertiesOf(sku));
            if (p.get("properties").equals(before)) {
                throw e;
            }
            client.call("taobao.item.sku.price.update", p);
        }
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }
}
