package io.omnihub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.connectors.youzan.YouzanPushSignature;
import io.omnihub.hub.HubApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Identity resolution scored against labelled people. A generator makes people, each seen on some
 * of four channels with realistic noise, and feeds every record through the hub's real ingest
 * paths: a POS MEMBERS file over FTP, signed partner webhooks, signed Youzan pushes, and Tmall
 * orders placed in the sandbox and pulled over the TOP API (where the phone is masked). Each record
 * is then looked up through {@code /api/customers/lookup} by its own channel id, and the pairs of
 * records the hub put together are scored against the truth: pairwise precision, recall and F1.
 *
 * <p>Noise: phones as {@code +86 138-…}, {@code 0086…}, full-width digits, spaces; names with a
 * homophone typo (张伟 / 张玮) and, rarer, a wrong character; masked phones on the platform; family
 * members sharing one phone; phone numbers re-issued to a new person whose predecessor is still
 * on file.
 */
public final class IdentityLabelledBench {

    static final int PEOPLE = Integer.getInteger("bench.identity.people", 3_000);
    static final long SEED = Long.getLong("bench.identity.seed", 20261123L);
    static final ObjectMapper JSON = new ObjectMapper();
    static final ExecutorService POOL = Executors.newFixedThreadPool(8);

    static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",
        "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
        "苏", "魏", "吕", "丁", "任", "沈"
    };
    static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂",
        "英", "华", "玉", "萍", "红", "辉", "鑫", "宇", "浩", "欣", "晨", "婷", "雪", "琳", "佳", "思", "梦", "子", "博", "文", "俊", "凯",
        "鹏", "飞", "慧", "颖", "倩", "璐"
    };
    /** Homophones an input method offers for the same pinyin. */
    static final Map<String, String> HOMOPHONES = Map.ofEntries(
            Map.entry("伟", "玮"),
            Map.entry("芳", "方"),
            Map.entry("静", "婧"),
            Map.entry("丽", "莉"),
            Map.entry("敏", "民"),
            Map.entry("军", "君"),
            Map.entry("杰", "洁"),
            Map.entry("娟", "鹃"),
            Map.entry("明", "铭"),
            Map.entry("磊", "垒"),
            Map.entry("洋", "阳"),
            Map.entry("艳", "燕"),
            Map.entry("霞", "侠"),
            Map.entry("平", "萍"),
            Map.entry("刚", "钢"),
            Map.entry("辉", "晖"),
            Map.entry("华", "桦"),
            Map.entry("红", "鸿"),
            Map.entry("涛", "滔"),
            Map.entry("婷", "亭"),
            Map.entry("雪", "学"),
            Map.entry("鹏", "朋"));

    static final String[][] CITIES = {
        {"浙江省", "杭州市"},
        {"上海", "上海市"},
        {"北京", "北京市"},
        {"广东省", "深圳市"},
        {"江苏省", "南京市"},
        {"四川省", "成都市"},
        {"湖北省", "武汉市"},
        {"陕西省", "西安市"}
    };

    record Person(int id, String name, String phone, String email, String[] place) {}

    /** One record about one person, fed through one path, looked up by its own id. */
    record Rec(int person, String path, String lookup) {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-identity-labelled");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        ConfigurableApplicationContext hub = new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--server.port=0",
                        // stock is synced out now: plenty of it, so the simulated shops never refuse the benchmark's
                        // orders
                        "--hub.embedded.sandbox.opening-stock=1000000",
                        "--hub.channels.jd-official.enabled=false",
                        "--hub.channels.douyin-live.enabled=false",
                        "--hub.channels.tmall-flagship.pull.interval=2s",
                        "--logging.level.root=WARN");
        try {
            run(hub);
        } finally {
            hub.close();
            POOL.shutdownNow(); // a failed run must not leave the JVM waiting on the senders
        }
    }

    static void run(ConfigurableApplicationContext hub) throws Exception {
        Environment env = hub.getEnvironment();
        String api = "http://127.0.0.1:" + env.getProperty("local.server.port");
        String sandbox = env.getProperty("hub.sandbox.url");
        int ftpPort = URI.create(env.getProperty("hub.ftp.url")).getPort();
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(SEED);

        // --- the people and their records -------------------------------------------------------
        List<Person> people = new ArrayList<>();
        int families = 0;
        int reissued = 0;
        for (int i = 0; i < PEOPLE; i++) {
            String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
            if (i > 0 && random.nextDouble() < 0.06) { // a family member on the previous person's phone
                phone = people.get(i - 1).phone();
                families++;
            }
            String email = random.nextDouble() < 0.4 ? "u" + i + "." + Long.toString(SEED % 997) + "@example.cn" : null;
            people.add(new Person(
                    i,
                    SURNAMES[random.nextInt(SURNAMES.length)]
                            + GIVEN[random.nextInt(GIVEN.length)]
                            + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : ""),
                    phone,
                    email,
                    CITIES[random.nextInt(CITIES.length)]));
        }
        int real = people.size();
        for (int i = 0; i < real; i++) { // the number's earlier owner, still on a store's books
            if (random.nextDouble() < 0.03) {
                Person p = people.get(i);
                people.add(new Person(
                        people.size(),
                        SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)],
                        p.phone(),
                        null,
                        p.place()));
                reissued++;
            }
        }

        List<Rec> recs = new ArrayList<>();
        StringBuilder pos = new StringBuilder("member_card,phone,name,gender,birthday,registered_at\n");
        List<String[]> partner = new ArrayList<>();
        List<String> youzan = new ArrayList<>();
        List<ObjectNode> tmall = new ArrayList<>();
        for (Person p : people) {
            boolean predecessor = p.id() >= real;
            boolean onPos = predecessor || random.nextDouble() < 0.65;
            boolean onPartner = !predecessor && random.nextDouble() < 0.45;
            boolean onYouzan = !predecessor && random.nextDouble() < 0.35;
            boolean onTmall = !predecessor && random.nextDouble() < 0.55;
            if (!onPos && !onPartner && !onYouzan && !onTmall) {
                onPos = true;
            }
            if (onPos) {
                String card = "K" + (100000 + p.id());
                pos.append(card)
                        .append(',')
                        .append(csv(noisyPhone(p.phone(), random)))
                        .append(',')
                        .append(noisyName(p.name(), random))
                        .append(",,,2026-11-22 10:00:00\n");
                recs.add(new Rec(p.id(), "pos", "memberCard=" + card + "&program=pos-east"));
            }
            if (onPartner) {
                String id = "M" + (500000 + p.id());
                ObjectNode m = JSON.createObjectNode()
                        .put("memberId", id)
                        .put("phone", noisyPhone(p.phone(), random))
                        .put("name", noisyName(p.name(), random))
                        .put("registeredAt", "2026-11-22T02:00:00Z");
                if (p.email() != null) {
                    m.put("email", random.nextBoolean() ? p.email().toUpperCase() : " " + p.email());
                }
                partner.add(new String[] {m.toString()});
                recs.add(new Rec(p.id(), "partner", "memberId=" + id + "&partner=partner-acme"));
            }
            if (onYouzan) {
                String account = "YZ" + (700000 + p.id());
                String msg = JSON.createObjectNode()
                        .put("account_id", account)
                        .put("mobile", p.phone())
                        .put("name", noisyName(p.name(), random))
                        .put("gender", 1)
                        .toString();
                youzan.add("{\"client_id\":\"sandbox-youzan-client\",\"kdt_id\":1,\"id\":\"" + account
                        + "\",\"type\":\"SCRM_CUSTOMER_EVENT\",\"status\":\"CUSTOMER_CREATED\",\"msg_id\":\"bench-"
                        + account
                        + "\",\"version\":1763800000,\"msg\":\"" + URLEncoder.encode(msg, StandardCharsets.UTF_8)
                        + "\"}");
                recs.add(new Rec(p.id(), "youzan", "buyerId=" + account + "&channel=youzan-mall"));
            }
            if (onTmall) {
                String openId = "AAH" + Integer.toHexString(0x100000 + p.id() * 7919);
                ObjectNode order = JSON.createObjectNode().put("status", "PAID");
                order.putObject("buyer")
                        .put("openId", openId)
                        .put("nick", "tb" + p.id())
                        .put("name", noisyName(p.name(), random))
                        .put("phone", p.phone())
                        .put("province", p.place()[0])
                        .put("city", p.place()[1])
                        .put("address", "某某路" + p.id() + "号");
                tmall.add(order);
                recs.add(new Rec(p.id(), "tmall", "buyerId=" + openId + "&channel=tmall-flagship"));
            }
        }

        // --- feed them through the real paths ---------------------------------------------------
        long start = System.nanoTime();
        Path csv = Files.createTempFile("MEMBERS", ".csv");
        Files.writeString(csv, pos, StandardCharsets.UTF_8);
        PosDropBench.upload(ftpPort, csv, "MEMBERS_S001_20261122100000.csv");
        ExecutorService pool = POOL;
        List<Future<?>> sent = new ArrayList<>();
        for (String[] m : partner) {
            sent.add(pool.submit(() -> partner(http, api, m[0])));
        }
        for (String y : youzan) {
            sent.add(pool.submit(() -> youzan(http, api, y)));
        }
        String sku = JSON.readTree(get(http, sandbox + "/control/shops/tmall-flagship/stock"))
                .get(0)
                .path("skuId")
                .asText();
        send(http, "PUT", sandbox + "/control/shops/tmall-flagship/stock/" + sku, "{\"quantity\":1000000}");
        for (ObjectNode o : tmall) {
            o.putArray("lines").addObject().put("skuId", sku).put("quantity", 1);
            sent.add(pool.submit(
                    () -> send(http, "POST", sandbox + "/control/shops/tmall-flagship/orders", o.toString())));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double fedSeconds = (System.nanoTime() - start) / 1e9;

        // --- wait until every record has been through identity resolution ------------------------
        long deadline = System.nanoTime() + 300_000_000_000L;
        long applied = 0;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - lastChange < 60_000_000_000L) {
            long now = jdbc.sql("SELECT count(*) FROM identity_event")
                    .query(Long.class)
                    .single();
            if (now != applied) {
                applied = now;
                lastChange = System.nanoTime();
            }
            if (applied >= recs.size()) {
                break;
            }
            Thread.sleep(500);
        }
        if (applied < recs.size()) {
            System.out.printf("only %,d of %,d records reached identity resolution%n", applied, recs.size());
        }
        double resolvedSeconds = (System.nanoTime() - start) / 1e9;
        Object[] window = jdbc.sql(
                        "SELECT count(*), extract(epoch FROM max(applied_at) - min(applied_at)) FROM identity_event")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getDouble(2)})
                .single();

        // --- score ------------------------------------------------------------------------------
        List<Future<String>> answers = new ArrayList<>();
        for (Rec r : recs) {
            answers.add(pool.submit(() -> {
                JsonNode j = JSON.readTree(get(http, api + "/api/customers/lookup?" + r.lookup()));
                return j.hasNonNull("customerId") ? j.get("customerId").asText() : null;
            }));
        }
        Map<String, Map<Integer, Integer>> byCustomer = new HashMap<>();
        Map<Integer, Integer> byPerson = new HashMap<>();
        int unresolved = 0;
        Map<String, int[]> perPath = new HashMap<>();
        for (int i = 0; i < recs.size(); i++) {
            Rec r = recs.get(i);
            String customer = answers.get(i).get();
            byPerson.merge(r.person(), 1, Integer::sum);
            perPath.computeIfAbsent(r.path(), k -> new int[2])[0]++;
            if (customer == null) {
                unresolved++;
                perPath.get(r.path())[1]++;
                customer = "none-" + i; // a record the hub cannot name is alone
            }
            byCustomer.computeIfAbsent(customer, k -> new HashMap<>()).merge(r.person(), 1, Integer::sum);
        }
        pool.shutdown();
        // which true pairs were missed, by the two paths their records came through
        Map<String, Integer> missed = new java.util.TreeMap<>();
        Map<Integer, List<Integer>> recordsOf = new HashMap<>();
        for (int i = 0; i < recs.size(); i++) {
            recordsOf
                    .computeIfAbsent(recs.get(i).person(), k -> new ArrayList<>())
                    .add(i);
        }
        for (List<Integer> own : recordsOf.values()) {
            for (int a = 0; a < own.size(); a++) {
                for (int b = a + 1; b < own.size(); b++) {
                    String ca = answers.get(own.get(a)).get();
                    String cb = answers.get(own.get(b)).get();
                    if (ca == null || !ca.equals(cb)) {
                        String pa = recs.get(own.get(a)).path();
                        String pb = recs.get(own.get(b)).path();
                        Person who = people.get(recs.get(own.get(a)).person());
                        missed.merge(
                                people.stream()
                                                        .filter(q -> q.phone().equals(who.phone()))
                                                        .count()
                                                > 1
                                        ? "(phone shared)"
                                        : "(own phone)",
                                1,
                                Integer::sum);
                        missed.merge(pa.compareTo(pb) < 0 ? pa + "-" + pb : pb + "-" + pa, 1, Integer::sum);
                        if (System.getProperty("bench.debug") != null && (pa.equals("tmall") || pb.equals("tmall"))) {
                            System.out.println("MISS " + who + " " + recs.get(own.get(a)) + "=" + ca + " "
                                    + recs.get(own.get(b)) + "=" + cb);
                        }
                    }
                }
            }
        }
        long truePairs = byPerson.values().stream()
                .mapToLong(IdentityLabelledBench::pairs)
                .sum();
        long predicted = 0;
        long correct = 0;
        for (Map<Integer, Integer> people2 : byCustomer.values()) {
            int n = people2.values().stream().mapToInt(Integer::intValue).sum();
            predicted += pairs(n);
            correct += people2.values().stream()
                    .mapToLong(IdentityLabelledBench::pairs)
                    .sum();
        }
        // pairs of two people put together, by what the two have in common: a phone (a family's, a
        // re-issued number's) is what walk-ins and family members share; anything else is a collision
        Map<String, Long> wrong = new java.util.TreeMap<>();
        for (Map<Integer, Integer> together : byCustomer.values()) {
            List<Integer> who = new ArrayList<>(together.keySet());
            for (int a = 0; a < who.size(); a++) {
                for (int b = a + 1; b < who.size(); b++) {
                    boolean samePhone = people.get(who.get(a))
                            .phone()
                            .equals(people.get(who.get(b)).phone());
                    wrong.merge(
                            samePhone ? "one phone (family, re-issued)" : "different phones",
                            (long) together.get(who.get(a)) * together.get(who.get(b)),
                            Long::sum);
                    if (System.getProperty("bench.debug") != null) {
                        int x = who.get(a);
                        int y = who.get(b);
                        System.out.println("WRONG " + people.get(x) + " " + people.get(y) + " "
                                + recs.stream()
                                        .filter(r -> r.person() == x || r.person() == y)
                                        .toList());
                    }
                }
            }
        }
        double precision = predicted == 0 ? 1 : (double) correct / predicted;
        double recall = truePairs == 0 ? 1 : (double) correct / truePairs;
        double f1 = 2 * precision * recall / (precision + recall);
        StringBuilder paths = new StringBuilder();
        perPath.forEach((k, v) -> paths.append(String.format("%s %,d (%,d not found)  ", k, v[0], v[1])));

        String report = String.format(
                """

                ## Identity resolution, labelled, through the real ingest paths, %s
                Machine: %s, %d cores, Java %s. %,d people (%,d of them sharing a family member's phone, %,d
                earlier owners of a re-issued number), seed %d, %,d records: %s. Fed as one POS MEMBERS file over
                FTP, signed partner and Youzan webhooks (8 senders) and Tmall orders placed in the sandbox and pulled
                over TOP (phone masked there); each record looked up by its own id through /api/customers/lookup.

                | figure | value |
                |---|---|
                | pairwise precision | %.4f (%,d of %,d pairs put together are the same person) |
                | pairwise recall | %.4f (%,d of %,d true pairs found) |
                | F1 | %.4f |
                | records the lookup could not name | %,d |
                | pairs of two people put together, by what they share | %s |
                | true pairs missed, by paths | %s |
                | feeding (FTP upload, webhooks answered, sandbox orders placed) | %.1f s |
                | first record fed -> all %,d identity events applied | %.1f s |
                | identity events applied while ingesting | %,d in %.1f s (%,.0f events/s, bound by ingestion) |
                """,
                Instant.now(),
                InetAddress.getLocalHost().getHostName(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                real,
                families,
                reissued,
                SEED,
                recs.size(),
                paths.toString().trim(),
                precision,
                correct,
                predicted,
                recall,
                correct,
                truePairs,
                f1,
                unresolved,
                wrong.isEmpty() ? "none" : wrong,
                missed,
                fedSeconds,
                applied,
                resolvedSeconds,
                (long) window[0],
                (double) window[1],
                (long) window[0] / Math.max(0.001, (double) window[1]));
        System.out.println(report);
        Files.writeString(Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static long pairs(int n) {
        return (long) n * (n - 1) / 2;
    }

    static String noisyPhone(String phone, Random r) {
        String a = phone.substring(0, 3);
        String b = phone.substring(3, 7);
        String c = phone.substring(7);
        switch (r.nextInt(7)) {
            case 0:
                return "+86 " + a + "-" + b + "-" + c;
            case 1:
                return "0086" + phone;
            case 2:
                return a + " " + b + " " + c;
            case 3: {
                StringBuilder wide = new StringBuilder();
                phone.chars().forEach(ch -> wide.append((char) (ch - '0' + '０')));
                return wide.toString();
            }
            case 4:
                return "(+86)" + a + "-" + b + c;
            default:
                return phone;
        }
    }

    static String noisyName(String name, Random r) {
        double x = r.nextDouble();
        String last = name.substring(name.length() - 1);
        if (x < 0.12 && HOMOPHONES.containsKey(last)) {
            return name.substring(0, name.length() - 1) + HOMOPHONES.get(last);
        }
        if (x > 0.97) { // a wrong character, not a homophone
            return name.substring(0, name.length() - 1) + GIVEN[r.nextInt(GIVEN.length)];
        }
        return name;
    }

    static String csv(String v) {
        return v.contains(",") ? "\"" + v + "\"" : v;
    }

    /** As a partner's sender does: over the instance's quota (429), wait Retry-After and send again. */
    static Void partner(HttpClient http, String api, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        while (true) {
            String ts = Long.toString(Instant.now().getEpochSecond());
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/webhooks/partners/partner-acme/members"))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Timestamp", ts)
                            .header("X-Hub-Signature", PartnerSignature.sign("sandbox-partner-secret", ts, bytes))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 429) {
                check(r, 202);
                return null;
            }
            Thread.sleep(
                    1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    static Void youzan(HttpClient http, String api, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api + "/webhooks/youzan/youzan-mall"))
                        .header("Content-Type", "application/json")
                        .header(
                                "Event-Sign",
                                YouzanPushSignature.eventSign(
                                        "sandbox-youzan-client",
                                        "sandbox-youzan-secret",
                                        body.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, 200);
        return null;
    }

    static String get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static Void send(HttpClient http, String method, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return null;
    }

    static void check(HttpResponse<String> r, int expected) throws IOException {
        if (r.statusCode() != expected) {
            throw new IOException(r.uri() + " -> " + r.statusCode() + " " + r.body());
        }
    }
}
