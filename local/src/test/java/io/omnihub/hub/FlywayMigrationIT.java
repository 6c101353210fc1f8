package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.hub.identity.IdentityChange;
import io.omnihub.hub.identity.IdentityLogCodec;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
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
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();
        List<String> tables = JdbcClient.create(dataSource)
                .sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class)
                .list();
        assertThat(tables).contains("orders", "pull_watermark", "pull_window", "dead_letter");
    }

    /** V18: a state column takes only its own words, so a misspelt state fails where it is written. */
    @Test
    @Order(2)
    void aStateOutsideItsColumnsWordsIsRefused() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String insert =
                "INSERT INTO manual_task (promotion_id, channel_id, action, due_at, description, state, created_at)"
                        + " VALUES ('P-1', 'tmall-x', 'SET_UP', now(), 'set up', :state, now())";
        assertThat(jdbc.sql(insert).param("state", "OPEN").update()).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql(insert.replace("'P-1'", "'P-2'"))
                        .param("state", "OPNE")
                        .update())
                .hasMessageContaining("manual_task_state");
        assertThat(jdbc.sql("SELECT conname FROM pg_constraint WHERE conname LIKE '%\\_state'")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "stock_reservation_state",
                        "channel_stock_state",
                        "promotion_state",
                        "channel_price_state",
                        "manual_task_state");
        jdbc.sql("DELETE FROM manual_task").update();
    }

    /** V20: a watermark moves only for the hub whose epoch of the shop's leadership is the current one. */
    @Test
    @Order(2)
    void aWatermarkAdvanceFromAStaleLeaderIsRefused() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        io.omnihub.hub.ingest.Watermarks watermarks = new io.omnihub.hub.ingest.Watermarks(jdbc);
        jdbc.sql(
                        "INSERT INTO cluster_leadership (namespace, epoch, member_id, since) VALUES ('shop-f', 2, 'hub-2', now())")
                .update();
        Instant from = Instant.parse("2026-12-02T00:00:00Z");
        assertThatThrownBy(() -> watermarks.advance("shop-f", "orders", 1, from, from.plusSeconds(60), 0, 0, 0))
                .isInstanceOf(io.omnihub.hub.ingest.LeadershipLostException.class)
                .hasMessageContaining("shop-f");
        assertThat(watermarks.get("shop-f", "orders")).isEmpty();
        watermarks.advance("shop-f", "orders", 2, from, from.plusSeconds(60), 0, 0, 0);
        assertThat(watermarks.get("shop-f", "orders")).contains(from.plusSeconds(60));
    }

    /** The hub's state enums and the CHECK constraints say the same words, so neither can drift from the other. */
    @Test
    @Order(2)
    void eachStateEnumHasExactlyTheWordsItsColumnTakes() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        java.util.function.Function<String, List<String>> words = constraint -> {
            String def = jdbc.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :n")
                    .param("n", constraint)
                    .query(String.class)
                    .single();
            List<String> out = new java.util.ArrayList<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("'([A-Z_]+)'").matcher(def);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        };
        assertThat(words.apply("promotion_state"))
                .containsExactlyInAnyOrder(names(io.omnihub.hub.pricing.PromotionState.values()));
        assertThat(words.apply("manual_task_state"))
                .containsExactlyInAnyOrder(names(io.omnihub.hub.pricing.ManualTaskState.values()));
        assertThat(words.apply("channel_stock_state"))
                .containsExactlyInAnyOrder(names(io.omnihub.hub.messaging.ChannelSyncState.values()));
        assertThat(words.apply("stock_reservation_state"))
                .as("NONE is a line's state before it is stored")
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(names(io.omnihub.mappings.stock.OrderReservation.State.values()))
                                .filter(w -> !w.equals("NONE"))
                                .toArray(String[]::new));
        assertThat(names(io.omnihub.hub.messaging.ChannelSyncState.values()))
                .as("a price is never PUSHING: the rest are its states")
                .contains(words.apply("channel_price_state").toArray(String[]::new));
    }

    private static String[] names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    @Test
    @Order(2)
    void aReplayedOrderChangeIsStoredOnceAndANewerOneReplacesIt() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        OrderStore store =
                new OrderStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), record -> record);
        Instant t = Instant.parse("2026-11-22T02:00:05Z");
        io.omnihub.mappings.model.Order paid = order(OrderStatus.PAID, t);

        List<OrderStore.Publication> first = store.save(List.of(paid));
        assertThat(first).hasSize(1);
        store.published(first);
        long version = first.get(0).version();
        assertThat(store.save(List.of(paid)))
                .as("a replay of a published change")
                .isEmpty();
        assertThat(store.publishedChanges("tmall-x", List.of("T1"))).containsEntry("T1", t);

        io.omnihub.mappings.model.Order shipped = order(OrderStatus.SHIPPED, t.plusSeconds(60));
        assertThat(store.save(List.of(shipped, shipped)))
                .as("once per order")
                .singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo(version + 1));
        assertThat(store.save(List.of(paid)))
                .as("an older change arriving late: the stored newer one is still due")
                .singleElement()
                .satisfies(p -> assertThat(p.order().status()).isEqualTo(OrderStatus.SHIPPED));
        assertThat(store.find("tmall-x", "T1").orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(store.count("tmall-x")).isEqualTo(1);
    }

    /**
     * A graph kept in the tables of V5 to V15 is carried into the identity log by V16 as its first
     * entry, with each record's golden customer, merged-into pointer and erasure, its identifiers,
     * attributes, merges (undone ones as such), refusals, weak keys, shared and erased identifiers.
     */
    @Test
    @Order(3)
    void aGraphInTheOldTablesBecomesTheIdentityLogsFirstEntry() {
        JdbcClient admin = JdbcClient.create(dataSource);
        admin.sql("CREATE DATABASE upgrade").update();
        DriverManagerDataSource upgrade =
                new DriverManagerDataSource(pg.jdbcUrl().replace("/fresh", "/upgrade"), pg.username(), "");
        Flyway.configure()
                .dataSource(upgrade)
                .locations("classpath:db/migration")
                .target("15")
                .load()
                .migrate();
        JdbcClient db = JdbcClient.create(upgrade);
        db.sql("""
                INSERT INTO customer (customer_id, golden_id, merged_into, created_at, updated_at, erased_at) VALUES
                  ('C-1', 'C-1', NULL, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', NULL),
                  ('C-2', 'C-1', 'C-1', '2026-11-01T00:00:01Z', '2026-11-01T00:00:01Z', NULL),
                  ('C-3', 'C-3', NULL, '2026-11-01T00:00:02Z', '2026-11-03T00:00:00Z', NULL),
                  ('C-4', 'C-4', NULL, '2026-11-01T00:00:03Z', '2026-11-04T00:00:00Z', '2026-11-04T00:00:00Z')
                """).update();
        db.sql("""
                INSERT INTO customer_identifier (id_type, id_scope, id_value, customer_id, source, first_seen) VALUES
                  ('PHONE', '', '+8613800000001', 'C-1', 'pos-a', '2026-11-01T00:00:00Z'),
                  ('MEMBER_CARD', 'pos-a', 'K1', 'C-1', 'pos-a', '2026-11-01T00:00:00Z'),
                  ('PARTNER_MEMBER_ID', 'partner-a', 'M1', 'C-2', 'partner-a', '2026-11-01T00:00:01Z')
                """).update();
        db.sql("""
                INSERT INTO customer_attribute (customer_id, name, source, value, observed_at)
                VALUES ('C-1', 'name', 'pos-a', '王芳', '2026-11-01T00:00:00Z')
                """).update();
        db.sql("""
                INSERT INTO customer_merge (merge_id, survivor_id, absorbed_id, evidence, merged_at, undone_at, undone_reason,
                                            survivor_links, absorbed_links) VALUES
                  ('M-1', 'C-1', 'C-2', '{"eventId":"e2"}', '2026-11-01T00:00:01Z', NULL, NULL, '{h1}', '{h2}'),
                  ('M-2', 'C-1', 'C-3', '{"eventId":"e3"}', '2026-11-01T00:00:02Z', '2026-11-03T00:00:00Z', 'undone by hand',
                   '{h1}', '{h3}')
                """).update();
        db.sql("INSERT INTO customer_keep_apart (a, b) VALUES ('C-1', 'C-3'), ('C-3', 'C-1')")
                .update();
        db.sql("""
                INSERT INTO customer_weak_key (phone_bucket, customer_id, name_key, city, phone_hash)
                VALUES ('138****0001', 'C-1', 'wangfang', '', 'ph1')
                """).update();
        db.sql("""
                INSERT INTO customer_link_refused (customer_id, event_id, reason, detail, identifier, other_id, refused_at)
                VALUES ('C-3', 'e9', 'kept-apart', 'an undo keeps them apart', 'PHONE:+86138****0001', 'C-1',
                        '2026-11-03T00:00:01Z')
                """).update();
        db.sql("""
                INSERT INTO identifier_shared (id_type, id_scope, id_value, reason, marked_at, id_hash)
                VALUES ('PHONE', '', '+8613900000009', 'five people', '2026-11-02T00:00:00Z', 'hs')
                """).update();
        db.sql("INSERT INTO identifier_erased (id_hash) VALUES ('he')").update();

        Flyway.configure()
                .dataSource(upgrade)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        assertThat(db.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customer'")
                        .query(Long.class)
                        .single())
                .as("the old tables are gone")
                .isZero();
        List<byte[]> entries = db.sql("SELECT entry FROM identity_log ORDER BY seq")
                .query((rs, n) -> rs.getBytes(1))
                .list();
        assertThat(entries).hasSize(1);
        IdentityChange e = IdentityLogCodec.decode(entries.get(0));
        assertThat(e.records()).extracting(IdentityChange.Record::id).containsExactly("C-1", "C-2", "C-3", "C-4");
        assertThat(e.records().get(1)).satisfies(r -> {
            assertThat(r.golden()).isEqualTo("C-1");
            assertThat(r.mergedInto()).isEqualTo("C-1");
        });
        assertThat(e.records().get(3).erasedAt()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(e.records().get(0).updatedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(e.identifiers())
                .extracting(IdentityChange.Held::identifier)
                .contains(
                        new Identifier(Identifier.Type.PARTNER_MEMBER_ID, "M1", "partner-a"),
                        Identifier.of(Identifier.Type.PHONE, "+8613800000001"));
        assertThat(e.attributes())
                .singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("王芳"));
        assertThat(e.merges()).hasSize(2);
        assertThat(e.merges().get(0).survivorLinks()).containsExactly("h1");
        assertThat(e.merges().get(1).undoneAt()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(e.merges().get(1).undoneReason()).isEqualTo("undone by hand");
        assertThat(e.keptApart()).hasSize(2);
        assertThat(e.weakKeys()).singleElement().satisfies(k -> {
            assertThat(k.city()).isNull();
            assertThat(k.phone()).isEqualTo("ph1");
        });
        assertThat(e.refused())
                .singleElement()
                .satisfies(r -> assertThat(r.otherId()).isEqualTo("C-1"));
        assertThat(e.shared())
                .singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("five people"));
        assertThat(e.erasedHashes()).containsExactly("he");
    }

    private static io.omnihub.mappings.model.Order order(OrderStatus status, Instant modified) {
        return new io.omnihub.mappings.model.Order(
                io.omnihub.mappings.model.Order.SCHEMA,
                "tmall-x",
                "taobao",
                "T1",
                status,
                modified.minusSeconds(5),
                modified.minusSeconds(5),
                modified,
                Buyer.ofPlatformId("open-1", "nick", "138****5678"),
                null,
                List.of(new OrderLine("T1-1", "SKU-1", "100", "200", "tee", 2, 9900, 19800, null)),
                19800,
                0,
                null);
    }
}
