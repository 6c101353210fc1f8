package io.omnihub.hub.config;

import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** The SKU and location code tables, read from config/ at start. */
@Configuration(proxyBeanMethods = false)
public class CodeTablesConfig {

    private static final Logger log = LoggerFactory.getLogger(CodeTablesConfig.class);

    @Bean
    SkuCodeTable skuCodeTable(HubProperties hub, ResourceLoader loader) {
        String location = hub.getCodes().getSkuCodes();
        try (Reader r = reader(loader.getResource(location))) {
            SkuCodeTable table = SkuCodeTable.read(r, location);
            log.info("SKU code table: {} channel SKUs from {}", table.size(), location);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SKU code table " + location, e);
        }
    }

    @Bean
    LocationTable locationTable(HubProperties hub, ResourceLoader loader) {
        String location = hub.getCodes().getLocations();
        try (Reader r = reader(loader.getResource(location))) {
            LocationTable table = LocationTable.read(r, location);
            log.info("Location table: {} store codes from {}", table.size(), location);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read location table " + location, e);
        }
    }

    private static Reader reader(Resource resource) throws IOException {
        return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
    }
}
