package io.omnihub.mappings.codes;

/**
 * How one channel instance names one of the hub's SKUs. {@code channelItemId} is the listing the
 * SKU belongs to where the platform needs it to address the SKU (Taobao num_iid, Douyin
 * product_id, JD ware id); it may be null.
 */
public record ChannelSku(String channelId, String channelSku, String channelItemId, String sku) {}
