package io.omnihub.hub.config;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.hub.kafka.KafkaLimits;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything under {@code hub.*}: channel instances, code tables, Kafka topic layout. */
@ConfigurationProperties("hub")
public class HubProperties {

    /**
     * Channel instances by id. A map rather than a list so that a second YAML file (given with
     * --spring.config.additional-location) adds instances instead of replacing them all.
     */
    private Map<String, ChannelInstance> channels = new LinkedHashMap<>();

    private Codes codes = new Codes();
    private Kafka kafka = new Kafka();
    private Identity identity = new Identity();
    private Stock stock = new Stock();
    private Pricing pricing = new Pricing();
    private Limits limits = new Limits();
    private Cluster cluster = new Cluster();

    /** Hubs sharing one database (issue 19): who this one is and how often leadership is looked at. */
    public static class Cluster {
        /** Unique per running hub; unset, pid-host-random. */
        private String memberId;
        /** How often a hub takes a free shop (and how fast a dead hub's shops move). */
        private java.time.Duration tick = java.time.Duration.ofSeconds(1);
        /** How often the shops are spread again over the live hubs. */
        private java.time.Duration rebalanceEvery = java.time.Duration.ofSeconds(2);

        public String getMemberId() {
            return memberId;
        }

        public void setMemberId(String memberId) {
            this.memberId = memberId;
        }

        public java.time.Duration getTick() {
            return tick;
        }

        public void setTick(java.time.Duration tick) {
            this.tick = tick;
        }

        public java.time.Duration getRebalanceEvery() {
            return rebalanceEvery;
        }

        public void setRebalanceEvery(java.time.Duration rebalanceEvery) {
            this.rebalanceEvery = rebalanceEvery;
        }
    }

    public Cluster getCluster() {
        return cluster;
    }

    public void setCluster(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Bounds on inbound quantities, amounts and event times, on every path (see {@link InputLimits}). */
    public static class Limits {
        private long maxQuantity = InputLimits.DEFAULT.maxQuantity();
        /** Yuan, as in the contracts. */
        private String maxAmount = Money.fenToYuan(InputLimits.DEFAULT.maxAmountFen());

        private Duration maxFutureSkew = InputLimits.DEFAULT.maxFutureSkew();
        /** No channel is ever shown more of a SKU than this, whatever its allocation says. */
        private long maxChannelTarget = 999_999;

        public InputLimits toInputLimits() {
            return new InputLimits(maxQuantity, Money.yuanToFen(maxAmount), maxFutureSkew);
        }

        public long getMaxQuantity() {
            return maxQuantity;
        }

        public void setMaxQuantity(long maxQuantity) {
            this.maxQuantity = maxQuantity;
        }

        public String getMaxAmount() {
            return maxAmount;
        }

        public void setMaxAmount(String maxAmount) {
            this.maxAmount = maxAmount;
        }

        public Duration getMaxFutureSkew() {
            return maxFutureSkew;
        }

        public void setMaxFutureSkew(Duration maxFutureSkew) {
            this.maxFutureSkew = maxFutureSkew;
        }

        public long getMaxChannelTarget() {
            return maxChannelTarget;
        }

        public void setMaxChannelTarget(long maxChannelTarget) {
            this.maxChannelTarget = maxChannelTarget;
        }
    }

    public Limits getLimits() {
        return limits;
    }

    public void setLimits(Limits limits) {
        this.limits = limits;
    }

    /** Master prices, promotions and their checks. */
    public static class Pricing {
        /** Members pay the same price for a SKU on every channel: a promotion that breaks it is refused. */
        private boolean equalMemberPrice = true;
        /** How often scheduled promotions are started and ended. */
        private Duration scheduleEvery = Duration.ofSeconds(1);

        public boolean isEqualMemberPrice() {
            return equalMemberPrice;
        }

        public void setEqualMemberPrice(boolean equalMemberPrice) {
            this.equalMemberPrice = equalMemberPrice;
        }

        public Duration getScheduleEvery() {
            return scheduleEvery;
        }

        public void setScheduleEvery(Duration scheduleEvery) {
            this.scheduleEvery = scheduleEvery;
        }
    }

    /** Available-to-promise stock, its sync-out and reconciliation. */
    public static class Stock {
        /** Units of every SKU never promised online. */
        private long safetyStock;
        /** Per hub SKU, a safety stock other than the default. */
        private Map<String, Long> skuSafetyStock = new LinkedHashMap<>();
        /** At or below this ATP a SKU's channel shares become disjoint (they add up to at most ATP). */
        private long lowStock = 10;
        /** Sales this recent weigh a channel's disjoint share (units move to the channels still selling). */
        private Duration recentSales = Duration.ofMinutes(10);
        /** How often each channel's stock is read back and compared with what the hub pushed. */
        private Duration reconcileEvery = Duration.ofMinutes(5);
        /**
         * The first read-back after start: a platform may have been changed while the hub was down
         * (and the embedded sandbox's shops start afresh), so it is not left for a whole period.
         */
        private Duration reconcileFirstAfter = Duration.ofSeconds(30);
        /**
         * How often reads left due (a SKU was mid-push) are taken and open observations closed: a
         * channel showing less than the hub expects is judged once its orders up to the read are in.
         */
        private Duration reconcileCheckEvery = Duration.ofSeconds(2);

        public long safetyStockFor(String sku) {
            return skuSafetyStock.getOrDefault(sku, safetyStock);
        }

        public long getSafetyStock() {
            return safetyStock;
        }

        public void setSafetyStock(long safetyStock) {
            this.safetyStock = safetyStock;
        }

        public Map<String, Long> getSkuSafetyStock() {
            return skuSafetyStock;
        }

        public void setSkuSafetyStock(Map<String, Long> skuSafetyStock) {
            this.skuSafetyStock = skuSafetyStock;
        }

        public long getLowStock() {
            return lowStock;
        }

        public void setLowStock(long lowStock) {
            this.lowStock = lowStock;
        }

        public Duration getRecentSales() {
            return recentSales;
        }

        public void setRecentSales(Duration recentSales) {
            this.recentSales = recentSales;
        }

        public Duration getReconcileEvery() {
            return reconcileEvery;
        }

        public void setReconcileEvery(Duration reconcileEvery) {
            this.reconcileEvery = reconcileEvery;
        }

        public Duration getReconcileFirstAfter() {
            return reconcileFirstAfter;
        }

        public void setReconcileFirstAfter(Duration reconcileFirstAfter) {
            this.reconcileFirstAfter = reconcileFirstAfter;
        }

        public Duration getReconcileCheckEvery() {
            return reconcileCheckEvery;
        }

        public void setReconcileCheckEvery(Duration reconcileCheckEvery) {
            this.reconcileCheckEvery = reconcileCheckEvery;
        }
    }

    public Pricing getPricing() {
        return pricing;
    }

    public void setPricing(Pricing pricing) {
        this.pricing = pricing;
    }

    public Stock getStock() {
        return stock;
    }

    public void setStock(Stock stock) {
        this.stock = stock;
    }

    /** Identity resolution: guardrails and which source's attribute values win. */
    public static class Identity {
        /**
         * Channel instance ids or types, most trusted first: a value from an earlier one beats a
         * more recent value from a later one (a store clerk types names in; a platform nick is not a name).
         */
        private List<String> sourceTrust =
                new ArrayList<>(List.of("pos-ftp", "partner", "wecom", "youzan", "taobao", "jd", "douyin"));
        /** A phone or e-mail seen with more than this many distinct anchors of one kind is shared. */
        private int sharedAfter = 1;
        /** Most identifiers of a type (per scope) one customer may hold, over the built-in ones. */
        private Map<Identifier.Type, Integer> limits = new LinkedHashMap<>();

        public List<String> getSourceTrust() {
            return sourceTrust;
        }

        public void setSourceTrust(List<String> sourceTrust) {
            this.sourceTrust = sourceTrust;
        }

        public int getSharedAfter() {
            return sharedAfter;
        }

        public void setSharedAfter(int sharedAfter) {
            this.sharedAfter = sharedAfter;
        }

        public Map<Identifier.Type, Integer> getLimits() {
            return limits;
        }

        public void setLimits(Map<Identifier.Type, Integer> limits) {
            this.limits = limits;
        }
    }

    public Identity getIdentity() {
        return identity;
    }

    public void setIdentity(Identity identity) {
        this.identity = identity;
    }

    public static class Codes {
        /** CSV: channel,channel_sku,sku[,channel_item] */
        private String skuCodes = "file:./config/sku-codes.csv";
        /** CSV: channel,store_code,location,kind[,online,zone] */
        private String locations = "file:./config/locations.csv";

        public String getSkuCodes() {
            return skuCodes;
        }

        public void setSkuCodes(String skuCodes) {
            this.skuCodes = skuCodes;
        }

        public String getLocations() {
            return locations;
        }

        public void setLocations(String locations) {
            this.locations = locations;
        }
    }

    public static class Kafka {
        private int partitions = 3;
        private short replicationFactor = 1;
        /** The largest record the hub writes; every other Kafka size limit follows from it ({@link KafkaLimits}). */
        private int maxRecordBytes = KafkaLimits.DEFAULT_MAX_RECORD_BYTES;

        public int getMaxRecordBytes() {
            return maxRecordBytes;
        }

        public void setMaxRecordBytes(int maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }
    }

    public Map<String, ChannelInstance> getChannels() {
        return channels;
    }

    public void setChannels(Map<String, ChannelInstance> channels) {
        this.channels = channels;
    }

    public Codes getCodes() {
        return codes;
    }

    public void setCodes(Codes codes) {
        this.codes = codes;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public void setKafka(Kafka kafka) {
        this.kafka = kafka;
    }
}
