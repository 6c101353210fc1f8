package io.omnihub.sandbox.sim;

import io.omnihub.sandbox.sim.SimOrder.SimBuyer;
import java.util.List;
import java.util.Random;

/**
 * Buyers for seeded orders: a fixed, repeatable crowd, so the same person comes back and buys
 * again, on one platform and on others, as real customers do. Open ids are scoped by platform.
 */
public final class SimPeople {

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"};
    private static final String[][] PLACES = {
        {"上海", "上海市", "浦东新区"}, {"北京", "北京市", "朝阳区"}, {"广东省", "深圳市", "南山区"},
        {"浙江省", "杭州市", "西湖区"}, {"江苏省", "南京市", "鼓楼区"}, {"四川省", "成都市", "武侯区"}
    };

    /** One person behind many accounts. */
    public record Person(int number, String name, String phone, String[] place) {
        public SimBuyer on(String platform) {
            String masked = phone.substring(0, 3) + "****" + phone.substring(7);
            return new SimBuyer(
                    platform + "-open-" + Integer.toHexString(0x10000 + number * 7919),
                    "buyer" + number,
                    name,
                    masked,
                    place[0],
                    place[1],
                    place[2],
                    "某某路" + (number % 300 + 1) + "号");
        }
    }

    private final List<Person> people;

    public SimPeople(int size, long seed) {
        Random random = new Random(seed);
        this.people = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> new Person(
                        i,
                        SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)],
                        "13" + (800000000L + random.nextInt(199999999)),
                        PLACES[random.nextInt(PLACES.length)]))
                .toList();
    }

    public Person pick(Random random) {
        return people.get(random.nextInt(people.size()));
    }
}
