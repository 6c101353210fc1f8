package io.omnihub.connectors.pos;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time, in constant memory, keeping what a person needs to fix
 * a bad row: the line it starts on and its raw text. A record whose quoting is broken comes back
 * with a {@link Row#problem()} instead of stopping the file, so the rows around it still go
 * through. A leading byte-order mark is skipped; blank lines are skipped; CRLF, LF and CR all end
 * a line.
 */
public final class PosCsvReader implements Closeable {

    /** One record: the line it starts on (the header is line 1), its fields and its raw text. */
    public record Row(long line, List<String> fields, String raw, String problem) {}

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long line = 1;
    private boolean started;

    public PosCsvReader(Reader in) {
        this.in = in;
    }

    /** The next non-blank record, or null at the end of the file. */
    public Row next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\r' || c == '\n') { // a blank line
                endOfLine();
                continue;
            }
            return record();
        }
    }

    private Row record() throws IOException {
        long startLine = line;
        StringBuilder raw = new StringBuilder(128);
        List<String> fields = new ArrayList<>(12);
        StringBuilder field = new StringBuilder(32);
        String problem = null;
        while (true) {
            int c = read();
            if (c == '"' && field.isEmpty()) {
                raw.append('"');
                // a quoted field: "" is a quote, and line breaks belong to the field
                while (true) {
                    int q = read();
                    if (q == EOF) {
                        problem = "a quoted field is never closed";
                        fields.add(field.toString());
                        return new Row(startLine, fields, raw.toString(), problem);
                    }
                    raw.append((char) q);
                    if (q == '"') {
                        if (peek() == '"') {
                            raw.append((char) read());
                            field.append('"');
                        } else {
                            break;
                        }
                    } else {
                        if (q == '\n' || (q == '\r' && peek() != '\n')) {
                            line++;
                        }
                        field.append((char) q);
                    }
                }
                int after = peek();
                if (after != ',' && after != '\r' && after != '\n' && after != EOF && problem == null) {
                    problem = "text after the closing quote of field " + (fields.size() + 1);
                }
                continue;
            }
            if (c == ',') {
                raw.append(',');
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n' || c == EOF) {
                if (c != EOF) {
                    pos--; // let endOfLine count it
                    endOfLine();
                }
                fields.add(field.toString());
                return new Row(startLine, fields, raw.toString(), problem);
            } else {
                raw.append((char) c);
                field.append((char) c);
            }
        }
    }

    private void endOfLine() throws IOException {
        if (read() == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
