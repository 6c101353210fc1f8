package io.omnihub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The channel sandbox on its own, for docker-compose and for pointing a hub elsewhere at it: opens a
 * shop for every taobao/jd/douyin instance in {@code channels.yml}, lists that instance's SKUs from
 * {@code sku-codes.csv}, and seeds orders.
 * <pre>
 * java -cp omnihub.jar -Dloader.main=io.omnihub.sandbox.SandboxMain \
 *      org.springframework.boot.loader.launch.PropertiesLauncher [configDir] [port]
 * </pre>
 */
public final class SandboxMain {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    private SandboxMain() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "config");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18080;
        Sandbox sandbox = Sandbox.start("0.0.0.0", port, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));

        openShops(sandbox, config);
        sandbox.startSeeding(5_000, 1);
        new CountDownLatch(1).await();
    }

    /**
     * Opens a shop for every taobao/jd/douyin instance of {@code configDir/channels.yml}, with the
     * credentials it names (resolved from this process's environment, as the hub resolves them)
     * and that instance's SKUs of {@code sku-codes.csv}. Returns the instance ids opened.
     */
    public static List<String> openShops(Sandbox sandbox, Path configDir) throws IOException {
        JsonNode channels = new ObjectMapper(new YAMLFactory())
                .readTree(configDir.resolve("channels.yml").toFile())
                .path("hub")
                .path("channels");
        List<String[]> codes = csv(configDir.resolve("sku-codes.csv"));
        List<String> opened = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = channels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("type").asText();
            if (!List.of("taobao", "jd", "douyin").contains(type)) {
                continue;
            }
            JsonNode cred = e.getValue().path("credentials");
            List<SimSku> catalog = new ArrayList<>();
            for (String[] row : codes) {
                if (row[0].equals(e.getKey())) {
                    catalog.add(SimSku.listed(row[3], row[1], row[2]));
                }
            }
            sandbox.addShop(
                    new SimShop.Config(
                            e.getKey(),
                            type,
                            env(cred.path("app-key").asText()),
                            env(cred.path("app-secret").asText()),
                            env(cred.path("access-token").asText()),
                            0),
                    catalog);
            opened.add(e.getKey());
        }
        return opened;
    }

    /** Resolves ${NAME:default} from the environment, as the hub does. */
    public static String env(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = System.getenv(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** channel,channel_sku,sku,channel_item rows of the SKU code table (comments and header skipped). */
    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1));
            if (header == null) {
                header = cells;
                continue;
            }
            List<String> h = header;
            rows.add(new String[] {
                cells.get(h.indexOf("channel")),
                cells.get(h.indexOf("channel_sku")),
                cells.get(h.indexOf("sku")),
                h.contains("channel_item") ? cells.get(h.indexOf("channel_item")) : ""
            });
        }
        return rows;
    }
}
