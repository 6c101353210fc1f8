package io.omnihub.sandbox.sim;

import com.sun.net.httpserver.HttpServer;
import io.omnihub.sandbox.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel sandbox: the Taobao TOP, JD JOS and Doudian simulators and the control API on one
 * HTTP port, on loopback.
 * <pre>
 * {base}/taobao/router/rest   {base}/jd/routerjson   {base}/douyin/{method path}   {base}/control/...
 * </pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, PlatformSimulator> simulators = new LinkedHashMap<>();
    private final Map<String, SimShop> shops = new java.util.concurrent.ConcurrentHashMap<>();
    private SimSeeder seeder;

    private Sandbox(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    public static Sandbox start(int port, Clock clock) {
        return start("127.0.0.1", port, clock);
    }

    /** The platforms with a simulator on the class path (each in its channel's {@code simulator} module). */
    public static Set<String> simulatedPlatforms() {
        return ServiceLoader.load(PlatformSimulator.class).stream()
                .map(p -> p.get().platform())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** On {@code bindAddress}: loopback for the embedded default, all interfaces in a container. */
    public static Sandbox start(String bindAddress, int port, Clock clock) {
        int p = FreePorts.resolve(port);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, p), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open sandbox port " + p, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Sandbox sandbox = new Sandbox(server, executor, clock);
        for (PlatformSimulator sim : ServiceLoader.load(PlatformSimulator.class)) {
            sandbox.simulators.put(sim.platform(), sim);
            server.createContext(sim.contextPath(), sim);
        }
        server.createContext("/control", new ControlApi(sandbox.shops));
        server.start();
        log.info("Channel sandbox on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** Opens a shop on its platform's simulator and lists its SKUs. */
    public SimShop addShop(SimShop.Config config, Collection<SimSku> catalog) {
        PlatformSimulator sim = simulators.get(config.platform());
        if (sim == null) {
            throw new IllegalArgumentException("no simulator for platform " + config.platform());
        }
        // order numbers never repeat across sandbox restarts, as a platform's never do
        long first = sim.firstOrderNumber()
                + shops.size() * 1_000_000_000_000L
                + (clock.millis() / 1000 % 100_000_000L) * 1000;
        SimShop shop = new SimShop(config, clock, first);
        catalog.forEach(shop::list);
        sim.addShop(shop);
        shops.put(config.shopId(), shop);
        return shop;
    }

    public Optional<SimShop> shop(String shopId) {
        return Optional.ofNullable(shops.get(shopId));
    }

    /** Where a channel instance points its endpoint: e.g. {@code baseUrl() + "/taobao/router/rest"}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String endpoint(String platform) {
        return baseUrl()
                + switch (platform) {
                    case "taobao" -> "/taobao/router/rest";
                    case "jd" -> "/jd/routerjson";
                    case "douyin" -> "/douyin";
                    default -> throw new IllegalArgumentException("no simulator for platform " + platform);
                };
    }

    public synchronized void startSeeding(long everyMillis, int ordersPerTick) {
        if (seeder == null) {
            seeder = new SimSeeder(shops.values());
            seeder.start(everyMillis, ordersPerTick);
        }
    }

    @Override
    public synchronized void close() {
        if (seeder != null) {
            seeder.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
