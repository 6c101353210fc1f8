package io.omnihub.connectors.pos;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a POS drop's name says: {@code <TYPE>_<STORE>_<yyyyMMddHHmmss>.csv} (contract §3). */
public record PosDropName(PosFileType type, String store, LocalDateTime stamp) {

    private static final Pattern NAME = Pattern.compile("(SALES|STOCK|MEMBERS)_(.+)_(\\d{14})\\.(?i:csv)");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    public static PosDropName parse(String fileName) throws PosFileUnreadable {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new PosFileUnreadable("file name '" + fileName
                    + "' is not <TYPE>_<STORE>_<yyyyMMddHHmmss>.csv with TYPE one of SALES, STOCK, MEMBERS");
        }
        try {
            return new PosDropName(PosFileType.valueOf(m.group(1)), m.group(2), LocalDateTime.parse(m.group(3), STAMP));
        } catch (DateTimeParseException e) {
            throw new PosFileUnreadable(
                    "file name '" + fileName + "': '" + m.group(3) + "' is not a yyyyMMddHHmmss time");
        }
    }
}
