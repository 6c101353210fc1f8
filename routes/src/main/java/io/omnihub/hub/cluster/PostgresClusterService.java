package io.omnihub.hub.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelPreemptiveClusterService;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel cluster service on the hub's own PostgreSQL, for {@code master:} routes: a hub leads a
 * namespace while it holds the namespace's session-level advisory lock on a connection of its
 * own. PostgreSQL releases a session's locks the moment the session ends, so when a hub dies
 * (SIGKILL included: the kernel closes its socket) its shops are free at once, and a survivor
 * takes them on its next tick; no lease has to run out first. Members are the hubs whose
 * session is alive ({@code cluster_member} joined to {@code pg_stat_activity}), which is what
 * {@link org.apache.camel.support.cluster.RebalancingCamelClusterService} spreads the
 * namespaces over.
 *
 * <p>Chosen over Spring Integration's {@code JdbcLockRegistry} leader initiator, which the issue
 * names, because its locks are rows with a time to live: a dead hub's shops would wait for the
 * TTL (10 s by default) before moving, and a paused one could lose a lock it still acts on. Here
 * the lock lives exactly as long as the session, and the epoch of {@code cluster_leadership}
 * fences the writes that matter ({@link Leadership}). Not a Spring bean itself: the CamelContext
 * gets the rebalancing service around it ({@link HubCluster}), so {@code master:} finds exactly one.
 */
public final class PostgresClusterService extends AbstractCamelClusterService<PostgresClusterService.View>
        implements CamelPreemptiveClusterService {

    private static final Logger log = LoggerFactory.getLogger(PostgresClusterService.class);

    private final String url;
    private final Properties login;
    private final Duration tick;
    private final List<View> started = new CopyOnWriteArrayList<>();
    private volatile List<String> members = List.of();
    private volatile Map<String, String> leaders = Map.of();
    private ScheduledExecutorService ticker;
    private Connection session;

    public PostgresClusterService(String memberId, String url, String username, String password, Duration tick) {
        super(memberId);
        this.url = url;
        this.login = new Properties();
        if (username != null) {
            login.setProperty("user", username);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        // a database out of reach fails the tick within 5 s, and this hub gives its shops up before
        // PostgreSQL (keepalives below: about 11 s) frees them for another hub
        login.setProperty("socketTimeout", "5");
        login.setProperty("connectTimeout", "5");
        login.setProperty("tcpKeepAlive", "true");
        login.setProperty("ApplicationName", "omnihub leadership " + memberId);
        this.tick = tick;
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    @Override
    public CamelPreemptiveClusterView getView(String namespace) throws Exception {
        return (CamelPreemptiveClusterView) super.getView(namespace);
    }

    /** The epoch of this hub's leadership of {@code namespace}, while it leads it. */
    public OptionalLong epoch(String namespace) {
        for (View v : started) {
            if (v.getNamespace().equals(namespace) && v.leader) {
                return OptionalLong.of(v.epoch);
            }
        }
        return OptionalLong.empty();
    }

    /** Namespace to its leader among the live hubs, as the last round saw it. */
    public Map<String, String> leaders() {
        return leaders;
    }

    /** The hubs alive now, this one included. */
    public List<String> members() {
        return members;
    }

    @Override
    protected void doStart() throws Exception {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-leadership");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        synchronized (this) {
            closeSession(); // every lock this hub held goes with its session
        }
    }

    /**
     * One round: stay a member, take what is free and wanted, give back what is not wanted. The
     * leadership events go out after the round, outside this service's lock: a listener (Camel's
     * MasterConsumer, adding itself under the view's lock) may ask this service for the leader.
     */
    private void tick() {
        List<View> changed = new ArrayList<>();
        synchronized (this) {
            try {
                if (session == null || session.isClosed()) {
                    open();
                }
                members = liveMembers();
                for (View v : started) {
                    if (v.disabled && v.leader) {
                        unlock(v);
                        changed.add(v);
                    } else if (!v.disabled && !v.leader && tryLock(v.getNamespace())) {
                        v.epoch = nextEpoch(v.getNamespace());
                        v.leader = true;
                        log.info("Leading {} (epoch {})", v.getNamespace(), v.epoch);
                        changed.add(v);
                    }
                }
                leaders = liveLeaders();
            } catch (SQLException | RuntimeException e) {
                log.warn("Leadership session lost, giving up every leadership: {}", e.getMessage());
                for (View v : started) {
                    if (v.leader) {
                        v.leader = false;
                        changed.add(v);
                    }
                }
                leaders = Map.of();
                closeSession();
            }
        }
        changed.forEach(View::changed);
    }

    private void open() throws SQLException {
        session = DriverManager.getConnection(url, login);
        session.setAutoCommit(true);
        try (Statement s = session.createStatement()) {
            // PostgreSQL notices this session gone within about 11 s even when no FIN reaches it (a
            // cut network, a frozen VM): its locks, and so the shops, are free then, not after 2 h
            s.execute("SET tcp_keepalives_idle = 5");
            s.execute("SET tcp_keepalives_interval = 2");
            s.execute("SET tcp_keepalives_count = 3");
        }
        try (PreparedStatement s = session.prepareStatement("""
                DELETE FROM cluster_member m WHERE m.joined_at < now() - interval '1 day'
                   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.pid AND a.backend_start = m.backend_start)
                """)) {
            s.executeUpdate(); // hubs long gone
        }
        try (PreparedStatement s = session.prepareStatement("""
                INSERT INTO cluster_member (member_id, pid, backend_start, joined_at)
                SELECT ?, pid, backend_start, now() FROM pg_stat_activity WHERE pid = pg_backend_pid()
                ON CONFLICT (member_id) DO UPDATE SET pid = EXCLUDED.pid, backend_start = EXCLUDED.backend_start
                """)) {
            s.setString(1, getId());
            s.executeUpdate();
        }
        log.info("Cluster member {} on PostgreSQL", getId());
    }

    private List<String> liveMembers() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = session.prepareStatement("""
                        SELECT m.member_id FROM cluster_member m
                         WHERE EXISTS (SELECT 1 FROM pg_stat_activity a
                                        WHERE a.pid = m.pid AND a.backend_start = m.backend_start)
                         ORDER BY m.member_id
                        """);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return List.copyOf(out);
    }

    private boolean tryLock(String namespace) throws SQLException {
        try (PreparedStatement s =
                session.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended('omnihub.leader:' || ?, 0))")) {
            s.setString(1, namespace);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private long nextEpoch(String namespace) throws SQLException {
        try (PreparedStatement s = session.prepareStatement("""
                INSERT INTO cluster_leadership (namespace, epoch, member_id, since) VALUES (?, 1, ?, now())
                ON CONFLICT (namespace) DO UPDATE
                   SET epoch = cluster_leadership.epoch + 1, member_id = EXCLUDED.member_id, since = now()
                RETURNING epoch
                """)) {
            s.setString(1, namespace);
            s.setString(2, getId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void unlock(View v) throws SQLException {
        v.leader = false; // first: nothing of this hub acts on it from here on
        try (PreparedStatement s =
                session.prepareStatement("SELECT pg_advisory_unlock(hashtextextended('omnihub.leader:' || ?, 0))")) {
            s.setString(1, v.getNamespace());
            s.execute();
        }
        log.info("Gave up {} for another hub", v.getNamespace());
    }

    /** Namespace to its leader among the live hubs, as the last round read it. */
    private Map<String, String> liveLeaders() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement s = session.prepareStatement("""
                        SELECT l.namespace, l.member_id FROM cluster_leadership l JOIN cluster_member m USING (member_id)
                         WHERE EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.pid AND a.backend_start = m.backend_start)
                        """);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return Map.copyOf(out);
    }

    private String leaderOf(String namespace) {
        return leaders.get(namespace);
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // gone already: its locks went with it
            }
            session = null;
        }
    }

    /** One namespace as this hub sees it. */
    final class View extends AbstractCamelClusterView implements CamelPreemptiveClusterView {

        private final Member local = new Member(getId(), true);
        private volatile boolean leader;
        private volatile boolean disabled;
        private volatile long epoch;

        View(String namespace) {
            super(PostgresClusterService.this, namespace);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public java.util.Optional<CamelClusterMember> getLeader() {
            if (leader) {
                return java.util.Optional.of(local);
            }
            String other = leaderOf(getNamespace());
            return other == null || other.equals(getId())
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new Member(other, false));
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return members.stream()
                    .map(id -> (CamelClusterMember) (id.equals(getId()) ? local : new Member(id, false)))
                    .toList();
        }

        @Override
        public boolean isDisabled() {
            return disabled;
        }

        @Override
        public void setDisabled(boolean disabled) {
            this.disabled = disabled; // the next tick gives the lock back, or takes it
        }

        @Override
        protected void doStart() {
            started.add(this);
        }

        @Override
        protected void doStop() {
            started.remove(this);
            boolean gaveUp = false;
            synchronized (PostgresClusterService.this) {
                if (leader && session != null) {
                    try {
                        unlock(this);
                    } catch (SQLException e) {
                        closeSession();
                    }
                    gaveUp = true;
                }
            }
            if (gaveUp) {
                changed();
            }
        }

        void changed() {
            fireLeadershipChangedEvent(leader ? local : null);
        }

        private final class Member implements CamelClusterMember {
            private final String id;
            private final boolean isLocal;

            Member(String id, boolean isLocal) {
                this.id = id;
                this.isLocal = isLocal;
            }

            @Override
            public boolean isLeader() {
                return isLocal ? leader : id.equals(leaderOf(getNamespace()));
            }

            @Override
            public boolean isLocal() {
                return isLocal;
            }

            @Override
            public String getId() {
                return id;
            }
        }
    }

    @Override
    public Collection<String> getNamespaces() {
        return super.getNamespaces();
    }
}
