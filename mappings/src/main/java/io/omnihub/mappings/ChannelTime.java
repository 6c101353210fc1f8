package io.omnihub.mappings;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Local "yyyy-MM-dd HH:mm:ss" times as Chinese platforms and POS systems write them. */
public final class ChannelTime {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ChannelTime() {}

    public static Instant parse(String local, ZoneId zone) {
        try {
            return LocalDateTime.parse(local.trim(), LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a yyyy-MM-dd HH:mm:ss time: " + local);
        }
    }

    /** Null or blank stays null: optional platform times such as pay_time before payment. */
    public static Instant parseOptional(String local, ZoneId zone) {
        return local == null || local.isBlank() ? null : parse(local, zone);
    }
}
