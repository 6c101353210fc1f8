package io.omnihub.hub.config;

import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The SKU and location code tables, read from config/ at start, and the input limits. */
@Configuration(proxyBeanMethods = false)
public class CodeTablesConfig {

    private static final Logger log = LoggerFactory.getLogger(CodeTablesConfig.class);

    /** The bounds every inbound quantity, amount and event time is checked against ({@code hub.limits.*}). */
    @Bean
    InputLimits inputLimits(HubProperties hub) {
        return hub.getLimits().toInputLimits();
    }

    @Bean
    SkuCodeTable skuCodeTable(HubProperties hub, ResourceLoader loader) {
        SkuCodeTable table = read(loader, hub.getCodes().getSkuCodes(), SkuCodeTable::read);
        log.info(
                "SKU code table: {} channel SKUs from {}",
                table.size(),
                hub.getCodes().getSkuCodes());
        return table;
    }

    @Bean
    LocationTable locationTable(HubProperties hub, ResourceLoader loader) {
        LocationTable table = read(loader, hub.getCodes().getLocations(), LocationTable::read);
        log.info(
                "Location table: {} store codes from {}",
                table.size(),
                hub.getCodes().getLocations());
        return table;
    }

    private static <T> T read(ResourceLoader loader, String location, BiFunction<Reader, String, T> parser) {
        try (Reader r = new InputStreamReader(loader.getResource(location).getInputStream(), StandardCharsets.UTF_8)) {
            return parser.apply(r, location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code table " + location, e);
        }
    }
}
