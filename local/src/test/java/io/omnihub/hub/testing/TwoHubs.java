package io.omnihub.hub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two production-profile hubs, {@code hub-a} and {@code hub-b}, on one infrastructure process
 * (issue 19): started, killed with SIGKILL and started again by name, and what their shared
 * database says about who leads what.
 */
public final class TwoHubs implements AutoCloseable {

    public static final List<String> NAMES = List.of("hub-a", "hub-b");

    /** Starts a hub as member {@code name}, logging to {@code log} in {@code data}. */
    public interface Launcher {
        ExternalProcess start(String name, String log, Map<String, String> infraEnv, Path data, int port)
                throws IOException;
    }

    private final Map<String, String> infraEnv;
    private final Path data;
    private final Launcher launcher;
    private final Map<String, ExternalProcess> hubs = new TreeMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, Integer> starts = new HashMap<>();

    public TwoHubs(Map<String, String> infraEnv, Path data, Launcher launcher) {
        this.infraEnv = infraEnv;
        this.data = data;
        this.launcher = launcher;
    }

    /** Both hubs, each up (its HTTP port answering) before this returns. */
    public void startBoth() throws Exception {
        for (String name : NAMES) {
            ports.put(name, freePort());
            launch(name);
        }
        for (String name : NAMES) {
            hubs.get(name).awaitOutput("Started HubApplication", Duration.ofMinutes(2));
        }
    }

    public void kill(String name) throws InterruptedException {
        hubs.get(name).kill();
    }

    /** The hub again, on its port, with a log of its own per start; returns once it has started. */
    public void restart(String name) throws Exception {
        launch(name);
        hubs.get(name).awaitOutput("Started HubApplication", Duration.ofMinutes(2));
    }

    public boolean isAlive(String name) {
        return hubs.get(name).isAlive();
    }

    public String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    public ExternalProcess process(String name) {
        return hubs.get(name);
    }

    private void launch(String name) throws IOException {
        int n = starts.merge(name, 1, Integer::sum);
        Files.createDirectories(data.resolve(name));
        String log = name + (n == 1 ? "" : "-" + n) + ".log";
        hubs.put(name, launcher.start(name, log, infraEnv, data.resolve(name), ports.get(name)));
    }

    /** Namespace to its leader, among the hubs whose database session is alive. */
    public Map<String, String> leaders() throws SQLException {
        return query("""
                SELECT l.namespace, l.member_id FROM cluster_leadership l JOIN cluster_member m USING (member_id)
                 WHERE EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.pid AND a.backend_start = m.backend_start)
                """, (rs, out) -> {
            out.put(rs.getString(1), rs.getString(2));
            return out;
        });
    }

    /** The hubs whose leadership session is alive. */
    public List<String> members() throws SQLException {
        return new ArrayList<>(query("""
                        SELECT m.member_id FROM cluster_member m
                         WHERE EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.pid AND a.backend_start = m.backend_start)
                        """, (rs, out) -> {
                    out.put(rs.getString(1), "");
                    return out;
                })
                .keySet());
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection(
                infraEnv.get("HUB_DB_URL"), infraEnv.get("HUB_DB_USER"), infraEnv.get("HUB_DB_PASSWORD"));
    }

    /** One row into the map. */
    private interface Row {
        Map<String, String> apply(ResultSet rs, Map<String, String> out) throws SQLException;
    }

    private Map<String, String> query(String sql, Row row) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.apply(rs, out);
            }
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (ExternalProcess hub : hubs.values()) {
            hub.close();
        }
    }
}
