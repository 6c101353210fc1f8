package io.omnihub.mappings.codes;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a small RFC 4180 table with a header row; lines starting with '#' are comments. */
final class CsvTable {

    private CsvTable() {}

    static <T> List<T> read(Reader reader, String name, List<String> required, Function<Map<String, String>, T> row) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            for (String column : required) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new CodeTableException(name + ": missing column '" + column + "'");
                }
            }
            List<T> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> values = record.toMap();
                for (String column : required) {
                    String v = values.get(column);
                    if (v == null || v.isBlank()) {
                        throw new CodeTableException(
                                name + " line " + parser.getCurrentLineNumber() + ": empty '" + column + "'");
                    }
                }
                rows.add(row.apply(values));
            }
            return rows;
        } catch (IOException e) {
            throw new CodeTableException(name + ": " + e.getMessage());
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
