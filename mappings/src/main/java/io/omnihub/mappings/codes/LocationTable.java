package io.omnihub.mappings.codes;

import java.io.Reader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * (channel instance, store code) -> hub location. Loaded from {@code config/locations.csv} with
 * columns {@code channel,store_code,location,kind} and optional {@code online} (true/false,
 * default false) and {@code zone} (default Asia/Shanghai).
 */
public final class LocationTable {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final Map<String, Location> byStoreCode = new HashMap<>();
    private final Map<String, Location> byCode = new LinkedHashMap<>();

    private record Row(String channel, String storeCode, Location location) {}

    private LocationTable(List<Row> rows) {
        for (Row row : rows) {
            byStoreCode.put(row.channel() + '\u0000' + row.storeCode(), row.location());
            byCode.putIfAbsent(row.location().code(), row.location());
        }
    }

    public static LocationTable read(Reader csv, String name) {
        return new LocationTable(CsvTable.read(csv, name, List.of("channel", "store_code", "location", "kind"), r -> {
            Location.Kind kind;
            try {
                kind = Location.Kind.valueOf(
                        r.get("kind").trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CodeTableException(name + ": unknown location kind '" + r.get("kind") + "'");
            }
            String zone = CsvTable.blankToNull(r.get("zone"));
            ZoneId zoneId;
            try {
                zoneId = zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new CodeTableException(name + ": unknown zone '" + zone + "'");
            }
            boolean online = "true".equalsIgnoreCase(CsvTable.blankToNull(r.get("online")));
            return new Row(
                    r.get("channel"), r.get("store_code"), new Location(r.get("location"), kind, online, zoneId));
        }));
    }

    public Optional<Location> locationFor(String channelId, String storeCode) {
        return Optional.ofNullable(byStoreCode.get(channelId + '\u0000' + storeCode));
    }

    public Optional<Location> location(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The codes of the locations whose stock online channels may sell, in table order. */
    public Set<String> onlineLocations() {
        Set<String> online = new LinkedHashSet<>();
        byCode.values().stream().filter(Location::onlineEligible).forEach(l -> online.add(l.code()));
        return online;
    }

    public int size() {
        return byStoreCode.size();
    }
}
