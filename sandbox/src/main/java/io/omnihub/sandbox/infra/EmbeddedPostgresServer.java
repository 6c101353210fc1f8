package io.omnihub.sandbox.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries on the class path, with its data directory kept
 * between runs. It is a child process: {@link #close()} stops it, and a server left behind by a
 * hub that was killed outright is stopped at the next start. It registers no JVM shutdown hook:
 * whoever starts it closes it, after whatever uses it has stopped.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String database;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database, Path dataDirectory) {
        this.postgres = postgres;
        this.database = database;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String database) {
        try {
            Files.createDirectories(dataDirectory);
            stopLeftover(dataDirectory);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(FreePorts.resolve(port))
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // the library's own hook would stop the database at SIGTERM, under the requests still using it
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100")
                    // the library's test defaults trade durability for speed; the hub's state must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            createDatabaseIfMissing(pg, database);
            log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDirectory);
            return new EmbeddedPostgresServer(pg, database, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", database);
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server and waits until its postmaster process has gone. */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        postmaster.ifPresent(p -> {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("PostgreSQL (pid {}) still running after stop; killing it", p.pid());
                p.destroyForcibly();
            }
        });
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg, String database) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** A postmaster.pid naming a live postgres means a previous hub died without stopping it. */
    private static void stopLeftover(Path dataDirectory) {
        postmaster(dataDirectory).ifPresent(process -> {
            log.warn("Stopping PostgreSQL (pid {}) left running by an earlier hub in {}", process.pid(), dataDirectory);
            process.destroy(); // SIGTERM: postgres' "smart" shutdown
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .command()
                            .map(cmd -> cmd.endsWith("postgres"))
                            .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
