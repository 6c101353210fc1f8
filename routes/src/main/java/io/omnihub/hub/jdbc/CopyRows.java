package io.omnihub.hub.jdbc;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Appends rows with PostgreSQL's {@code COPY ... FROM STDIN} on the current transaction's
 * connection: for rows that are new by construction (fresh ids, events deduplicated under the same
 * lock) it costs about half of an {@code INSERT ... SELECT FROM unnest(...)}, which parses every
 * array parameter and casts every element. A row that is not new makes the COPY, and so the
 * transaction, fail: there is no {@code ON CONFLICT} here.
 */
@Component
public final class CopyRows {

    private final DataSource dataSource;

    public CopyRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Copies {@code rows} into {@code table (columns)}, each row's values in column order; null is
     * SQL NULL, anything else its {@code toString()} (an {@code Instant} is ISO-8601, which
     * timestamptz reads).
     */
    public <T> long copy(String table, String columns, List<T> rows, Function<T, Object[]> values) {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (T row : rows) {
            Object[] v = values.apply(row);
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                field(text, v[i]);
            }
            text.append('\n');
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
        } catch (SQLException e) {
            throw new SQLErrorCodeSQLExceptionTranslator(dataSource).translate("COPY " + table, null, e);
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("COPY " + table + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static void field(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
