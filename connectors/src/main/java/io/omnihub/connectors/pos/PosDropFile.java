package io.omnihub.connectors.pos;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A POS drop on local disk. {@link #check} reads it once before any row is used: it takes the
 * content's SHA-256 (the same file twice is recognised by content, whatever its name), decodes
 * every byte in the instance's charset and checks the header. A file whose bytes do not read
 * cleanly in that charset is refused whole, before any of its rows went anywhere, with a reason
 * naming the charset it seems to be in ({@link PosFileCharset}): bytes that do not decode, a UTF-8
 * file (with or without byte-order mark) on an instance that is not UTF-8, text already garbled
 * (U+FFFD). {@link #rows} then streams the records.
 */
public final class PosDropFile {

    /**
     * What the check found: the content hash, the column positions (lower-case names) and the
     * header's width, which every row must have.
     */
    public record Checked(String sha256, Map<String, Integer> columns, int width, long bytes) {}

    private static final Charset GBK = Charset.forName("GBK");

    private final Path path;
    private final Charset charset;

    public PosDropFile(Path path, Charset charset) {
        this.path = path;
        this.charset = charset;
    }

    public Checked check(PosFileType type) throws PosFileUnreadable, IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = Files.size(path);
        Map<String, Integer> columns;
        int width;
        long lines = 1;
        PosFileCharset bytesSay = new PosFileCharset();
        try (InputStream bytes = new Sniffed(
                        new DigestInputStream(new BufferedInputStream(Files.newInputStream(path), 64 * 1024), sha),
                        bytesSay);
                Reader chars = strictReader(bytes, charset)) {
            try {
                PosCsvReader csv = new PosCsvReader(chars);
                PosCsvReader.Row header = csv.next();
                if (header == null) {
                    throw new PosFileUnreadable("the file is empty: a header row is required");
                }
                garbled(header);
                columns = columns(header, type);
                width = header.fields().size();
                lines = header.line();
                // decode the rest so a bad byte anywhere refuses the file before its rows are used
                for (PosCsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                    garbled(row);
                    lines = row.line();
                }
            } catch (PosFileUnreadable e) {
                // a header garbled by the wrong charset is better told as such: judge every byte first
                bytes.transferTo(OutputStream.nullOutputStream());
                refuseIfMismatched(bytesSay);
                throw e;
            } catch (CharacterCodingException e) {
                bytes.transferTo(OutputStream.nullOutputStream());
                refuseIfMismatched(bytesSay);
                Charset other = PosFileCharset.isUtf8(charset) ? GBK : StandardCharsets.UTF_8;
                throw new PosFileUnreadable(bytesSay.notDecodable(charset, lines, other, decodes(other)));
            }
        }
        refuseIfMismatched(bytesSay);
        return new Checked(HexFormat.of().formatHex(sha.digest()), columns, width, size);
    }

    private void refuseIfMismatched(PosFileCharset bytesSay) throws PosFileUnreadable {
        Optional<String> mismatch = bytesSay.mismatch(charset);
        if (mismatch.isPresent()) {
            throw new PosFileUnreadable(mismatch.get());
        }
    }

    /**
     * Text with U+FFFD, or 锟斤拷 (two of them as GBK shows their UTF-8 bytes), was garbled before
     * it reached the hub: the decoder here refuses bad bytes, it never makes these.
     */
    private void garbled(PosCsvReader.Row row) throws PosFileUnreadable {
        if (row.raw().indexOf('\uFFFD') >= 0 || row.raw().contains("锟斤拷")) {
            throw new PosFileUnreadable(PosFileCharset.replacementCharacter(charset, row.line()));
        }
    }

    /** Whether the whole file decodes in {@code other}, strictly. */
    private boolean decodes(Charset other) throws IOException {
        try (Reader r = strictReader(new BufferedInputStream(Files.newInputStream(path), 64 * 1024), other)) {
            r.transferTo(Writer.nullWriter());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Shows every byte read to what judges the file's charset. */
    private static final class Sniffed extends FilterInputStream {

        private final PosFileCharset sniffer;

        Sniffed(InputStream in, PosFileCharset sniffer) {
            super(in);
            this.sniffer = sniffer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sniffer.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }
    }

    /** The records after the header, decoded as the check did. */
    public PosCsvReader rows() throws IOException {
        PosCsvReader csv =
                new PosCsvReader(strictReader(new BufferedInputStream(Files.newInputStream(path), 64 * 1024), charset));
        csv.next(); // the header
        return csv;
    }

    private static Reader strictReader(InputStream in, Charset charset) {
        return new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static Map<String, Integer> columns(PosCsvReader.Row header, PosFileType type) throws PosFileUnreadable {
        if (header.problem() != null) {
            throw new PosFileUnreadable("the header row cannot be read: " + header.problem());
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> names = header.fields();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(name, i) != null
                    && (type.requiredColumns().contains(name)
                            || type.optionalColumns().contains(name))) {
                throw new PosFileUnreadable("column '" + name + "' appears twice in the header");
            }
        }
        List<String> missing = type.requiredColumns().stream()
                .filter(c -> !columns.containsKey(c))
                .toList();
        if (!missing.isEmpty()) {
            throw new PosFileUnreadable("missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + ": a " + type + " file needs " + String.join(",", type.requiredColumns())
                    + " (found " + String.join(",", names) + ")");
        }
        return columns;
    }
}
