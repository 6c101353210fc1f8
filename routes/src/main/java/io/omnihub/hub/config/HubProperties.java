package io.omnihub.hub.config;

import java.util.LinkedHashMap;
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
