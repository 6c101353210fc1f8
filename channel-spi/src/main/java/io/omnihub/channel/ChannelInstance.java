package io.omnihub.channel;

import io.omnihub.mappings.stock.AllocationRule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One channel instance from {@code config/channels.yml} (contract §1): one shop, POS fleet, SCRM
 * tenant or partner. Its id is its key under {@code hub.channels}; every route it gets carries
 * that id.
 */
public class ChannelInstance {

    /** taobao, jd, douyin, pos-ftp, wecom, youzan, partner */
    private String type;

    private boolean enabled = true;
    /** Base URL of the platform gateway, or the FTP URL for pos-ftp. */
    private String endpoint;

    private Credentials credentials = new Credentials();
    private Pull pull = new Pull();
    private Allocation allocation = new Allocation();
    private Quota quota = new Quota();
    /** pos-ftp: the drops' encoding, UTF-8 (a BOM is allowed) or GBK. */
    private String charset = "UTF-8";
    /** pos-ftp: the zone of the stores' local times; unset, each store's zone from locations.csv (default Asia/Shanghai). */
    private String zone;
    /**
     * A platform's own settings ({@code hub.channels.<id>.options.<key>}), read and checked by its
     * channel module's settings record, so a new platform adds keys without a field here.
     */
    private Map<String, String> options = new LinkedHashMap<>();

    public static class Credentials {
        private String appKey;
        private String appSecret;
        /** Taobao session key, JD or Douyin access token. */
        private String accessToken;
        /** TOP sign_method: md5, hmac or hmac-sha256. */
        private String signMethod = "hmac-sha256";
        /** WeCom callback Token, EncodingAESKey (43 characters) and receive id (the corp id). */
        private String callbackToken;

        private String encodingAesKey;
        private String receiveId;
        /** FTP login of a pos-ftp instance. */
        private String username;

        private String password;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getCallbackToken() {
            return callbackToken;
        }

        public void setCallbackToken(String callbackToken) {
            this.callbackToken = callbackToken;
        }

        public String getEncodingAesKey() {
            return encodingAesKey;
        }

        public void setEncodingAesKey(String encodingAesKey) {
            this.encodingAesKey = encodingAesKey;
        }

        public String getReceiveId() {
            return receiveId;
        }

        public void setReceiveId(String receiveId) {
            this.receiveId = receiveId;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }

        public String getSignMethod() {
            return signMethod;
        }

        public void setSignMethod(String signMethod) {
            this.signMethod = signMethod;
        }

        @Override
        public String toString() {
            return "Credentials[appKey=" + appKey + ", receiveId=" + receiveId + ", username=" + username
                    + ", secrets=***]";
        }
    }

    /** How orders are pulled: every {@code interval}, windows of at most {@code window}, overlapping by {@code overlap}. */
    public static class Pull {
        private Duration interval = Duration.ofSeconds(10);
        private Duration window = Duration.ofHours(1);
        private Duration overlap = Duration.ofMinutes(2);
        /** Where the very first pull starts, back from now. */
        private Duration initialLookback = Duration.ofHours(1);
        /** Changes younger than this are left for the next pull: platforms index with a small delay. */
        private Duration settle = Duration.ofSeconds(2);

        private int pageSize = 100;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getOverlap() {
            return overlap;
        }

        public void setOverlap(Duration overlap) {
            this.overlap = overlap;
        }

        public Duration getInitialLookback() {
            return initialLookback;
        }

        public void setInitialLookback(Duration initialLookback) {
            this.initialLookback = initialLookback;
        }

        public Duration getSettle() {
            return settle;
        }

        public void setSettle(Duration settle) {
            this.settle = settle;
        }

        public int getPageSize() {
            return pageSize;
        }

        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }
    }

    /**
     * This channel's share of available-to-promise stock. Unset values fall back: a SKU's entry
     * under {@code skus} to the instance's values, the instance's to the defaults (all of ATP).
     */
    public static class Allocation {
        private Double ratio;
        /** Units always held back from this channel (contract §1 calls it the channel's safety stock). */
        private Long safetyStock;

        private Long min;
        private Long max;
        /** A target at or below this is pushed as 0. */
        private Long zeroAtOrBelow;
        /** Per hub SKU, values that differ from the instance's. */
        private Map<String, Allocation> skus = new LinkedHashMap<>();

        /** The rule for one SKU. */
        public AllocationRule ruleFor(String sku) {
            Allocation o = skus.getOrDefault(sku, new Allocation());
            return new AllocationRule(
                    first(o.ratio, ratio, 1.0),
                    first(o.safetyStock, safetyStock, 0L),
                    first(o.min, min, 0L),
                    first(o.max, max, Long.MAX_VALUE),
                    first(o.zeroAtOrBelow, zeroAtOrBelow, 0L));
        }

        private static <T> T first(T sku, T instance, T fallback) {
            return sku != null ? sku : instance != null ? instance : fallback;
        }

        public Double getRatio() {
            return ratio;
        }

        public void setRatio(Double ratio) {
            this.ratio = ratio;
        }

        public Long getSafetyStock() {
            return safetyStock;
        }

        public void setSafetyStock(Long safetyStock) {
            this.safetyStock = safetyStock;
        }

        public Long getMin() {
            return min;
        }

        public void setMin(Long min) {
            this.min = min;
        }

        public Long getMax() {
            return max;
        }

        public void setMax(Long max) {
            this.max = max;
        }

        public Long getZeroAtOrBelow() {
            return zeroAtOrBelow;
        }

        public void setZeroAtOrBelow(Long zeroAtOrBelow) {
            this.zeroAtOrBelow = zeroAtOrBelow;
        }

        public Map<String, Allocation> getSkus() {
            return skus;
        }

        public void setSkus(Map<String, Allocation> skus) {
            this.skus = skus;
        }
    }

    public static class Quota {
        /** Calls per second the platform allows this app for this shop. */
        private double callsPerSecond = 10;

        public double getCallsPerSecond() {
            return callsPerSecond;
        }

        public void setCallsPerSecond(double callsPerSecond) {
            this.callsPerSecond = callsPerSecond;
        }
    }

    public Map<String, String> getOptions() {
        return options;
    }

    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public void setCredentials(Credentials credentials) {
        this.credentials = credentials;
    }

    public Pull getPull() {
        return pull;
    }

    public void setPull(Pull pull) {
        this.pull = pull;
    }

    public Allocation getAllocation() {
        return allocation;
    }

    public void setAllocation(Allocation allocation) {
        this.allocation = allocation;
    }

    public Quota getQuota() {
        return quota;
    }

    public void setQuota(Quota quota) {
        this.quota = quota;
    }
}
