package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.sandbox.infra.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The Flyway migrations on a fresh PostgreSQL, and the order store's idempotency on top of them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlywayMigrationIT {

    @TempDir
    static Path data;
    static EmbeddedPostgresServer pg;
    static DriverManagerDataSource dataSource;

    @BeforeAll
    static void freshDatabase() {
        pg = EmbeddedPostgresServer.start(data.resolve("pg"), 0, "fresh");
        dataSource = new DriverManagerDataSource(pg.jdbcUrl(), pg.username(), "");
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @Test
    @Order(1)
    void migrationsApplyToAFreshDatabaseAndAreNotReappliedOnTheNextStart() {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();
        List<String> tables = JdbcClient.create(dataSource)
                .sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("orders", "pull_watermark", "pull_window", "dead_letter");
    }

    @Test
    @Order(2)
    void aReplayedOrderChangeIsStoredOnceAndANewerOneReplacesIt() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        OrderStore store = new OrderStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        Instant t = Instant.parse("2026-11-22T02:00:05Z");
        io.omnihub.mappings.model.Order paid = order(OrderStatus.PAID, t);

        List<OrderStore.Publication> first = store.save(List.of(paid));
        assertThat(first).hasSize(1);
        store.published(first);
        long version = first.get(0).version();
        assertThat(store.save(List.of(paid))).as("a replay of a published change").isEmpty();
        assertThat(store.publishedChanges("tmall-x", List.of("T1"))).containsEntry("T1", t);

        io.omnihub.mappings.model.Order shipped = order(OrderStatus.SHIPPED, t.plusSeconds(60));
        assertThat(store.save(List.of(shipped, shipped))).as("once per order").singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo(version + 1));
        assertThat(store.save(List.of(paid))).as("an older change arriving late: the stored newer one is still due")
                .singleElement().satisfies(p -> assertThat(p.order().status()).isEqualTo(OrderStatus.SHIPPED));
        assertThat(store.find("tmall-x", "T1").orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(store.count("tmall-x")).isEqualTo(1);
    }

    private static io.omnihub.mappings.model.Order order(OrderStatus status, Instant modified) {
        return new io.omnihub.mappings.model.Order(io.omnihub.mappings.model.Order.SCHEMA, "tmall-x", "taobao", "T1", status, modified.minusSeconds(5), modified.minusSeconds(5),
                modified, Buyer.ofPlatformId("open-1", "nick", "138****5678"), null,
                List.of(new OrderLine("T1-1", "SKU-1", "100", "200", "tee", 2, 9900, 19800, null)), 19800, 0, null);
    }
}
