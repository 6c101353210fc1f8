package io.omnihub.bench;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentifierNormalizer;
import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.identity.PersonName;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.ShipTo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The identity resolver's per-event Java cost before any database, step by step: canonical JSON
 * to {@link MemberEvent} / {@link Order} (as {@code Identities.apply} reads hub.members and
 * hub.orders), identifier normalization, the name's pinyin key, name comparison and
 * {@link IdentityEvidence#of} end to end. Half member events (POS cards, partner members, WeChat
 * union ids), half orders (platform buyers with masked phones, partner buyers with full ones);
 * phones in the spellings channels send (+86 138-1234-5678, 0086..., full width, masked,
 * virtual); names with homophones, Latin spellings, honorifics and placeholders.
 *
 * <p>Single-threaded: a few warm-up rounds for the JIT, then timed rounds over the same events;
 * the table gives the median round (and the fastest) per event. Plain Java, no JMH (not offline).
 * Run with {@code -Dbench.hotpath.label=...} to name the row set (e.g. "before", "after").
 */
public final class IdentityHotPathBench {

    static final int EVENTS = Integer.getInteger("bench.hotpath.events", 20_000);
    static final int WARM_UP = Integer.getInteger("bench.hotpath.warm-up", 8);
    static final int ROUNDS = Integer.getInteger("bench.hotpath.rounds", 10);
    static final String LABEL = System.getProperty("bench.hotpath.label", "this run");
    static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",
        "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
        "苏", "魏", "吕", "丁", "任", "沈", "单", "解", "仇", "欧阳", "诸葛"
    };
    static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂",
        "英", "华", "玉", "萍", "红", "辉", "鑫", "宇", "浩", "欣", "晨", "婷", "雪", "琳", "佳", "思", "梦", "子", "博", "文", "俊", "凯",
        "鹏", "飞", "慧", "颖", "倩", "璐", "玮", "婧", "铭", "燕", "绿"
    };
    static final String[] LATIN = {"Zhang Wei", "LYU Bu", "Lü Xiaoming", "WANG FANG", "li na", "Chen  Jie"};
    static final String[] ODD_NAMES = {"张*", "买家", "王先生", "李伟女士", "阿依古丽·买买提", "  ", "顾客"};
    static final String[] CITIES = {"杭州市", "上海市", "北京市", "深圳市", "南京", "成都市", "武汉市", "西安市"};

    record Timing(String step, double medianCpuNs, double bestCpuNs, double medianWallNs) {}

    public static void main(String[] args) throws Exception {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Random r = new Random(20261202L);
        List<String> json = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            json.add(HubJson.write(i % 2 == 0 ? member(i, r) : order(i, r)));
        }
        List<Object> parsed = new ArrayList<>();
        json.forEach(j -> parsed.add(parse(j)));
        List<Identifier> ids = new ArrayList<>();
        List<String> rawPhones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object o : parsed) {
            if (o instanceof MemberEvent m) {
                ids.addAll(m.identifiers());
                m.identifiers().stream()
                        .filter(x -> x.type() == Identifier.Type.PHONE)
                        .findFirst()
                        .ifPresentOrElse(
                                x -> rawPhones.add(x.value()),
                                () -> rawPhones.add(m.attributes().get("phoneHint")));
                names.add(m.attributes().get("name"));
            } else {
                Order ord = (Order) o;
                Buyer b = ord.buyer();
                if (b.platformBuyerId() != null) {
                    ids.add(new Identifier(Identifier.Type.PLATFORM_BUYER_ID, b.platformBuyerId(), ord.channelId()));
                }
                if (b.phone() != null) {
                    ids.add(Identifier.of(Identifier.Type.PHONE, b.phone()));
                }
                if (b.email() != null) {
                    ids.add(Identifier.of(Identifier.Type.EMAIL, b.email()));
                }
                if (b.memberCard() != null) {
                    ids.add(new Identifier(Identifier.Type.MEMBER_CARD, b.memberCard(), ord.channelId()));
                }
                if (b.unionId() != null) {
                    ids.add(Identifier.of(Identifier.Type.UNION_ID, b.unionId()));
                }
                rawPhones.add(
                        b.phone() != null
                                ? b.phone()
                                : b.phoneHint() != null
                                        ? b.phoneHint()
                                        : ord.shipTo().phoneHint());
                names.add(b.name() != null ? b.name() : ord.shipTo().name());
            }
        }
        // pairs as the resolver compares them: a name against a holder's (a homophone, a wrong
        // character, another person or the same name)
        List<String> keys = new ArrayList<>();
        names.forEach(n -> keys.add(PersonName.key(n)));
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String a = keys.get(i);
            String b = keys.get((i * 7 + 3) % keys.size());
            if (a != null && b != null) {
                pairs.add(new String[] {a, i % 3 == 0 ? a : b});
            }
        }
        long[] sink = new long[1];
        int n = EVENTS;
        List<Timing> timings = new ArrayList<>();
        timings.add(time(
                "(a) canonical JSON -> MemberEvent / Order (HubJson.read)",
                n,
                i -> sink[0] += parse(json.get(i)).hashCode()));
        double perId = (double) ids.size() / n;
        timings.add(time(
                String.format("(b) identifier normalization (%.1f identifiers) + phone mask bucket", perId), n, i -> {
                    int from = (int) (i * perId);
                    int to = (int) ((i + 1) * perId);
                    for (int k = from; k < to; k++) {
                        sink[0] += IdentifierNormalizer.normalize(ids.get(k))
                                .map(Object::hashCode)
                                .orElse(1);
                    }
                    String bucket = IdentifierNormalizer.maskBucket(rawPhones.get(i));
                    sink[0] += bucket == null ? 0 : bucket.length();
                }));
        timings.add(time("(c) PersonName.key (pinyin key of the name)", n, i -> {
            String k = PersonName.key(names.get(i));
            sink[0] += k == null ? 0 : k.length();
        }));
        timings.add(time("(d) PersonName.close (one pair of keys)", pairs.size(), i -> {
            String[] p = pairs.get(i);
            sink[0] += PersonName.close(p[0], p[1]) ? 1 : 0;
        }));
        timings.add(
                time("(e) IdentityEvidence.of (parsed event -> evidence)", n, i -> sink[0] += evidence(parsed.get(i))));
        timings.add(time(
                "(f) JSON -> evidence, all of Identities.apply before the graph",
                n,
                i -> sink[0] += evidence(parse(json.get(i)))));
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                """

                ## Identity hot path per event (IdentityHotPathBench, %s), %s
                Machine: %s, %d cores, Java %s. %,d events (half member events, half orders), phones in the
                spellings channels send (with masked and virtual ones), names with homophones, Latin spellings,
                honorifics and placeholders; one thread, %d warm-up rounds, then %d timed rounds over the same events.
                (d) is per pair of name keys; the others are per event. CPU: the benchmark thread's CPU time
                (the machine is shared; load average %.1f at the start), wall: elapsed time of the median round.

                | step | CPU per event, median round | CPU, fastest round | wall, median round |
                |---|---|---|---|
                """,
                LABEL,
                Instant.now(),
                InetAddress.getLocalHost().getHostName(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                n,
                WARM_UP,
                ROUNDS,
                load));
        for (Timing t : timings) {
            table.append(String.format(
                    "| %s | %.2f µs | %.2f µs | %.2f µs |%n",
                    t.step(), t.medianCpuNs() / 1000, t.bestCpuNs() / 1000, t.medianWallNs() / 1000));
        }
        System.out.println(table);
        System.out.println("(checksum " + sink[0] + ")");
        if (!Boolean.getBoolean("bench.hotpath.no-append")) {
            Files.writeString(Path.of("bench/RESULTS.md"), table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    static Object parse(String json) {
        return json.contains("\"schema\":\"" + MemberEvent.SCHEMA + "\"")
                ? HubJson.read(json, MemberEvent.class)
                : HubJson.read(json, Order.class);
    }

    static int evidence(Object o) {
        return o instanceof MemberEvent m
                ? IdentityEvidence.of(m).identifiers().size()
                : IdentityEvidence.of((Order) o)
                        .map(e -> e.identifiers().size())
                        .orElse(0);
    }

    /**
     * Per event (or pair), in ns of this thread's CPU time (the machine is shared: wall time
     * counts other processes' turns too) for the median and the fastest round, and the wall time
     * of the median round.
     */
    static Timing time(String step, int count, IntConsumer body) {
        for (int w = 0; w < WARM_UP; w++) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[ROUNDS];
        double[] wall = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            wall[round] = (double) (System.nanoTime() - start) / count;
            cpu[round] = (double) (threads.getCurrentThreadCpuTime() - startCpu) / count;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%s: %.0f ns CPU, %.0f ns wall%n", step, cpu[ROUNDS / 2], wall[ROUNDS / 2]);
        return new Timing(step, cpu[ROUNDS / 2], cpu[0], wall[ROUNDS / 2]);
    }

    static String phone(Random r) {
        return "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
    }

    /** The spellings channels send for one mobile number. */
    static String spelt(String p, Random r) {
        String a = p.substring(0, 3);
        String b = p.substring(3, 7);
        String c = p.substring(7);
        switch (r.nextInt(11)) {
            case 0:
                return "+86 " + a + "-" + b + "-" + c;
            case 1:
                return "0086" + p;
            case 2:
                return a + " " + b + " " + c;
            case 3: {
                StringBuilder wide = new StringBuilder();
                p.chars().forEach(ch -> wide.append((char) (ch - '0' + '０')));
                return wide.toString();
            }
            case 4:
                return "(+86)" + a + "-" + b + c;
            case 5:
                return "86-" + p;
            case 6:
                return a + "****" + c; // masked
            case 7:
                return r.nextInt(4) == 0 ? p + "-" + (1000 + r.nextInt(9000)) : "+86" + p; // virtual, sometimes
            default:
                return p;
        }
    }

    static String name(Random r) {
        double x = r.nextDouble();
        if (x < 0.05) {
            return LATIN[r.nextInt(LATIN.length)];
        }
        if (x < 0.09) {
            return ODD_NAMES[r.nextInt(ODD_NAMES.length)];
        }
        return SURNAMES[r.nextInt(SURNAMES.length)]
                + GIVEN[r.nextInt(GIVEN.length)]
                + (r.nextBoolean() ? GIVEN[r.nextInt(GIVEN.length)] : "");
    }

    static MemberEvent member(int i, Random r) {
        Instant t = Instant.parse("2026-11-22T02:00:00Z").plusSeconds(i);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", name(r));
        attributes.put("city", CITIES[r.nextInt(CITIES.length)]);
        attributes.put("gender", r.nextBoolean() ? "F" : "M");
        attributes.put("birthday", "19" + (60 + r.nextInt(40)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10));
        List<Identifier> ids = new ArrayList<>();
        String p = phone(r);
        switch (i % 3) {
            case 0 -> { // a POS card with a phone
                ids.add(new Identifier(Identifier.Type.MEMBER_CARD, "C" + i, "pos-east"));
                ids.add(Identifier.of(Identifier.Type.PHONE, spelt(p, r)));
                return new MemberEvent(
                        MemberEvent.SCHEMA,
                        "pos-east:C" + i,
                        MemberEvent.Kind.REGISTERED,
                        "pos-east",
                        ids,
                        attributes,
                        t);
            }
            case 1 -> { // a partner member with a phone, an e-mail and sometimes a union id
                ids.add(new Identifier(Identifier.Type.PARTNER_MEMBER_ID, "M-" + i, "partner-acme"));
                ids.add(Identifier.of(Identifier.Type.PHONE, spelt(p, r)));
                ids.add(Identifier.of(Identifier.Type.EMAIL, (r.nextBoolean() ? " P" : "p") + i + "@Example.cn"));
                if (r.nextBoolean()) {
                    ids.add(new Identifier(
                            Identifier.Type.UNION_ID, "oU" + Long.toHexString(r.nextLong()), "wx-open-1"));
                }
                return new MemberEvent(
                        MemberEvent.SCHEMA,
                        "partner-acme:M-" + i,
                        MemberEvent.Kind.UPDATED,
                        "partner-acme",
                        ids,
                        attributes,
                        t);
            }
            default -> { // a WeChat follower: union id and openid, the phone masked
                ids.add(new Identifier(Identifier.Type.UNION_ID, "oU" + Long.toHexString(r.nextLong()), "wx-open-1"));
                ids.add(new Identifier(Identifier.Type.OPEN_ID, "oP" + Long.toHexString(r.nextLong()), "wx-app-1"));
                attributes.put("phoneHint", p.substring(0, 3) + "****" + p.substring(7));
                return new MemberEvent(
                        MemberEvent.SCHEMA, "youzan:" + i, MemberEvent.Kind.REGISTERED, "youzan", ids, attributes, t);
            }
        }
    }

    static Order order(int i, Random r) {
        Instant t = Instant.parse("2026-11-22T02:00:00Z").plusSeconds(i);
        String p = phone(r);
        String masked = p.substring(0, 3) + "****" + p.substring(7);
        String name = name(r);
        ShipTo to =
                new ShipTo(name, masked, "浙江省", CITIES[r.nextInt(CITIES.length)], "西湖区", "文三路 " + i + " 号", "310000");
        List<OrderLine> lines = new ArrayList<>();
        for (int l = 0; l <= r.nextInt(3); l++) {
            long qty = 1 + r.nextInt(3);
            long price = 990 + r.nextInt(50_000);
            lines.add(new OrderLine(
                    "L" + l,
                    "SKU-" + r.nextInt(2000),
                    "item" + r.nextInt(9999),
                    "sku" + r.nextInt(9999),
                    "纯棉T恤 白色 " + (l + 1),
                    qty,
                    price,
                    qty * price,
                    null));
        }
        long total = lines.stream().mapToLong(OrderLine::amountFen).sum();
        Buyer buyer;
        String channel;
        String type;
        if (i % 4 == 1) { // a partner order: full phone, name, sometimes a card or a union id
            channel = "partner-acme";
            type = "partner";
            buyer = new Buyer(
                    null,
                    null,
                    name,
                    spelt(p, r),
                    null,
                    r.nextInt(3) == 0 ? "b" + i + "@qq.com" : null,
                    r.nextBoolean() ? "C" + i : null,
                    r.nextInt(4) == 0 ? "oU" + Long.toHexString(r.nextLong()) : null);
        } else { // a platform order: an open buyer id, the phone masked
            channel = i % 4 == 3 ? "tmall-flagship" : "jd-official";
            type = i % 4 == 3 ? "taobao" : "jd";
            buyer = new Buyer("AAH" + Long.toHexString(r.nextLong()), "nick" + i, null, null, masked, null, null, null);
        }
        return new Order(
                Order.SCHEMA,
                channel,
                type,
                "O" + i,
                OrderStatus.PAID,
                t,
                t.plusSeconds(30),
                t.plusSeconds(60),
                buyer,
                to,
                lines,
                total + 800,
                800,
                null);
    }
}
