package io.omnihub.connectors.pos;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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

/**
 * A POS drop on local disk. {@link #check} reads it once before any row is used: it takes the
 * content's SHA-256 (the same file twice is recognised by content, whatever its name), decodes
 * every byte in the instance's charset (a file that does not decode is refused whole, before
 * any of its rows went anywhere) and checks the header. {@link #rows} then streams the records.
 */
public final class PosDropFile {

    /**
     * What the check found: the content hash, the column positions (lower-case names) and the
     * header's width, which every row must have.
     */
    public record Checked(String sha256, Map<String, Integer> columns, int width, long bytes) {
    }

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
        try (InputStream bytes = new DigestInputStream(new BufferedInputStream(Files.newInputStream(path), 64 * 1024), sha);
             Reader chars = strictReader(bytes)) {
            PosCsvReader csv = new PosCsvReader(chars);
            PosCsvReader.Row header = csv.next();
            if (header == null) {
                throw new PosFileUnreadable("the file is empty: a header row is required");
            }
            columns = columns(header, type);
            width = header.fields().size();
            lines = header.line();
            // decode the rest so a bad byte anywhere refuses the file before its rows are used
            for (PosCsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                lines = row.line();
            }
        } catch (CharacterCodingException e) {
            throw new PosFileUnreadable("the file is not valid " + charset.name() + " (after line " + lines
                    + "); this POS instance is set to charset " + charset.name());
        }
        return new Checked(HexFormat.of().formatHex(sha.digest()), columns, width, size);
    }

    /** The records after the header, decoded as the check did. */
    public PosCsvReader rows() throws IOException {
        PosCsvReader csv = new PosCsvReader(strictReader(new BufferedInputStream(Files.newInputStream(path), 64 * 1024)));
        csv.next(); // the header
        return csv;
    }

    private Reader strictReader(InputStream in) {
        return new InputStreamReader(in, charset.newDecoder()
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
                    && (type.requiredColumns().contains(name) || type.optionalColumns().contains(name))) {
                throw new PosFileUnreadable("column '" + name + "' appears twice in the header");
            }
        }
        List<String> missing = type.requiredColumns().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new PosFileUnreadable("missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + ": a " + type + " file needs " + String.join(",", type.requiredColumns())
                    + " (found " + String.join(",", names) + ")");
        }
        return columns;
    }
}
