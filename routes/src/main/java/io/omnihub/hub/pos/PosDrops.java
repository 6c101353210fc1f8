package io.omnihub.hub.pos;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.connectors.pos.PosCsvReader;
import io.omnihub.connectors.pos.PosDropFile;
import io.omnihub.connectors.pos.PosDropName;
import io.omnihub.connectors.pos.PosFileType;
import io.omnihub.connectors.pos.PosFileUnreadable;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.inbox.Inbox.Event;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.Location;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.mappings.pos.PosRows;
import io.omnihub.mappings.pos.PosRows.SaleLine;
import io.omnihub.mappings.pos.PosRows.Store;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Processes one POS drop (contract §3) that Camel has fetched to local disk: checks the file whole
 * (name, store, encoding, header) before any row is used, then streams its rows in batches into
 * the inbox. Bad rows are collected with their line number, reason and raw text for the errors
 * file while the good rows go through. The same content again, under any name, changes nothing.
 */
@Service
public class PosDrops {

    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(PosDrops.class);

    private final HubProperties hub;
    private final SkuCodeTable codes;
    private final InputLimits limits;
    private final LocationTable locations;
    private final PosInbox inbox;
    private final MeterRegistry metrics;
    private final Path workDir;
    private final Set<String> unlistedStores = ConcurrentHashMap.newKeySet();

    public PosDrops(
            HubProperties hub,
            SkuCodeTable codes,
            InputLimits limits,
            LocationTable locations,
            PosInbox inbox,
            MeterRegistry metrics,
            @Value("${hub.data-dir}") String dataDir) {
        this.hub = hub;
        this.codes = codes;
        this.limits = limits;
        this.locations = locations;
        this.inbox = inbox;
        this.metrics = metrics;
        this.workDir = Path.of(dataDir, "pos-reports");
    }

    public PosDropOutcome ingest(String instanceId, File file, String fileName) throws IOException {
        ChannelInstance instance = hub.getChannels().get(instanceId);
        Charset charset = Charset.forName(instance.getCharset());
        PosDropName name;
        Store store;
        PosDropFile.Checked checked;
        PosDropFile drop = new PosDropFile(file.toPath(), charset);
        try {
            name = PosDropName.parse(fileName);
            store = store(instanceId, instance, name.store());
            checked = drop.check(name.type());
        } catch (PosFileUnreadable e) {
            log.warn("{}: {} cannot be read, moved to .error/: {}", instanceId, fileName, e.getMessage());
            metrics.counter("hub.pos.files", "instance", instanceId, "outcome", "unreadable")
                    .increment();
            Path reason = report(fileName, ".reason.txt");
            Files.writeString(
                    reason, fileName + ": " + e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
            return new PosDropOutcome(
                    ".error/" + fileName, reason, ".error/" + fileName + ".reason.txt", PosDropOutcome.Counts.NONE);
        }
        var earlier = inbox.processed(instanceId, checked.sha256());
        if (earlier.isPresent()) {
            log.info(
                    "{}: {} has the same content as {}, processed at {}; nothing changed",
                    instanceId,
                    fileName,
                    earlier.get().fileName(),
                    earlier.get().processedAt());
            metrics.counter("hub.pos.files", "instance", instanceId, "outcome", "repeated")
                    .increment();
            return new PosDropOutcome(
                    doneName(instanceId, fileName, checked.sha256()), null, null, PosDropOutcome.Counts.NONE);
        }
        long t0 = System.nanoTime();
        Instant now = Instant.now(); // event times are checked against the clock when the file is read
        Path errors = report(fileName, ".errors.csv");
        PosDropOutcome.Counts counts;
        try (PosCsvReader rows = drop.rows();
                Writer errorWriter =
                        new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(errors), charset))) {
            ErrorsFile errorsFile = new ErrorsFile(errorWriter);
            counts = switch (name.type()) {
                case SALES -> sales(store, fileName, checked, rows, errorsFile, now);
                case STOCK, MEMBERS -> others(name.type(), store, fileName, checked, rows, errorsFile, now);
            };
        }
        inbox.recordFile(
                instanceId, checked.sha256(), fileName, name.type().name(), name.store(), checked.bytes(), counts);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.info(
                "{}: {} processed in {} ms: {} rows, {} stored, {} seen before, {} rejected{}",
                instanceId,
                fileName,
                ms,
                counts.total(),
                counts.accepted(),
                counts.repeated(),
                counts.rejected(),
                counts.rejected() > 0 ? " (listed in .error/" + fileName + ".errors.csv)" : "");
        metrics.counter("hub.pos.files", "instance", instanceId, "outcome", "processed")
                .increment();
        metrics.counter("hub.pos.rows", "instance", instanceId, "outcome", "stored")
                .increment(counts.accepted());
        metrics.counter("hub.pos.rows", "instance", instanceId, "outcome", "repeated")
                .increment(counts.repeated());
        metrics.counter("hub.pos.rows", "instance", instanceId, "outcome", "rejected")
                .increment(counts.rejected());
        String done = doneName(instanceId, fileName, checked.sha256());
        if (counts.rejected() == 0) {
            Files.deleteIfExists(errors);
            return new PosDropOutcome(done, null, null, counts);
        }
        return new PosDropOutcome(done, errors, ".error/" + fileName + ".errors.csv", counts);
    }

    /** Removes a report once it is uploaded beside the drop. */
    public void uploaded(PosDropOutcome outcome) throws IOException {
        if (outcome.hasReport()) {
            Files.deleteIfExists(outcome.report());
        }
    }

    private PosDropOutcome.Counts sales(
            Store store,
            String fileName,
            PosDropFile.Checked checked,
            PosCsvReader rows,
            ErrorsFile errors,
            Instant now)
            throws IOException {
        int total = 0;
        int accepted = 0;
        List<SaleLine> batch = new ArrayList<>(BATCH);
        List<String> raw = new ArrayList<>(BATCH);
        for (PosCsvReader.Row row = rows.next(); row != null; row = rows.next()) {
            total++;
            SaleLine line;
            try {
                line = PosRows.sale(store, columns(row, checked), codes, limits, now);
            } catch (PayloadException e) {
                errors.add(row, e.getMessage());
                continue;
            } catch (BadRow e) {
                errors.add(row, e.getMessage());
                continue;
            }
            batch.add(line);
            raw.add(rawPayload(fileName, row));
            if (batch.size() == BATCH) {
                accepted += inbox.sales(store, batch, raw);
                batch.clear();
                raw.clear();
            }
        }
        if (!batch.isEmpty()) {
            accepted += inbox.sales(store, batch, raw);
        }
        return new PosDropOutcome.Counts(total, accepted, total - accepted - errors.count(), errors.count());
    }

    private PosDropOutcome.Counts others(
            PosFileType type,
            Store store,
            String fileName,
            PosDropFile.Checked checked,
            PosCsvReader rows,
            ErrorsFile errors,
            Instant now)
            throws IOException {
        int total = 0;
        int accepted = 0;
        List<Event> batch = new ArrayList<>(BATCH);
        for (PosCsvReader.Row row = rows.next(); row != null; row = rows.next()) {
            total++;
            Event event;
            try {
                Function<String, String> values = columns(row, checked);
                if (type == PosFileType.STOCK) {
                    StockSnapshot s = PosRows.stock(store, values, codes, limits, now);
                    event = new Event(
                            PosRows.countKey(store, s),
                            store.instanceId(),
                            "stock",
                            s.sku(),
                            rawPayload(fileName, row),
                            HubJson.write(s));
                } else {
                    MemberEvent m = PosRows.member(store, values, limits, now);
                    event = new Event(
                            m.eventId(),
                            store.instanceId(),
                            "members",
                            m.eventId(),
                            rawPayload(fileName, row),
                            HubJson.write(m));
                }
            } catch (PayloadException | BadRow e) {
                errors.add(row, e.getMessage());
                continue;
            }
            batch.add(event);
            if (batch.size() == BATCH) {
                accepted += inbox.events(store.instanceId(), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            accepted += inbox.events(store.instanceId(), batch);
        }
        return new PosDropOutcome.Counts(total, accepted, total - accepted - errors.count(), errors.count());
    }

    /** A row the CSV layer already refuses: broken quoting, or a field count unlike the header's. */
    private static final class BadRow extends RuntimeException {
        BadRow(String message) {
            super(message);
        }
    }

    private static Function<String, String> columns(PosCsvReader.Row row, PosDropFile.Checked checked) {
        if (row.problem() != null) {
            throw new BadRow(row.problem());
        }
        if (row.fields().size() != checked.width()) {
            throw new BadRow("has " + row.fields().size() + " fields, the header has " + checked.width()
                    + " (a value with a comma must be quoted)");
        }
        return column -> {
            Integer i = checked.columns().get(column);
            return i == null ? null : row.fields().get(i);
        };
    }

    /**
     * The store a drop names. A store not (yet) in locations.csv still gets its rows in, at the
     * location {@code <instance>/<store>}, which counts for no online channel until it is listed.
     */
    private Store store(String instanceId, ChannelInstance instance, String storeCode) {
        ZoneId instanceZone = instance.getZone() == null ? null : ZoneId.of(instance.getZone());
        Optional<Location> location = locations.locationFor(instanceId, storeCode);
        if (location.isEmpty()) {
            if (unlistedStores.add(instanceId + "/" + storeCode)) {
                log.warn(
                        "{}: store {} is not in locations.csv; its stock is kept at location {}/{}, offline, until it is listed",
                        instanceId,
                        storeCode,
                        instanceId,
                        storeCode);
            }
            return new Store(
                    instanceId,
                    storeCode,
                    instanceId + "/" + storeCode,
                    instanceZone != null ? instanceZone : LocationTable.DEFAULT_ZONE);
        }
        return new Store(
                instanceId,
                storeCode,
                location.get().code(),
                instanceZone != null ? instanceZone : location.get().zone());
    }

    /** Where a processed file goes: .done/<name>, unless another file of that name is there already. */
    private String doneName(String instanceId, String fileName, String sha256) {
        if (!inbox.nameTaken(instanceId, fileName)
                || inbox.processed(instanceId, sha256)
                        .map(p -> p.fileName().equals(fileName))
                        .orElse(false)) {
            return ".done/" + fileName;
        }
        int dot = fileName.lastIndexOf('.');
        return ".done/" + fileName.substring(0, dot) + "." + sha256.substring(0, 8) + fileName.substring(dot);
    }

    private static String rawPayload(String fileName, PosCsvReader.Row row) {
        return HubJson.write(Map.of("file", fileName, "line", row.line(), "raw", row.raw()));
    }

    private Path report(String fileName, String suffix) throws IOException {
        Files.createDirectories(workDir);
        return Files.createTempFile(workDir, fileName + ".", suffix);
    }

    /** {@code .error/<file>.errors.csv}: line, reason, raw line (RFC 4180, in the drop's charset). */
    private static final class ErrorsFile {
        private final Writer out;
        private int count;

        ErrorsFile(Writer out) throws IOException {
            this.out = out;
            out.write("line,reason,raw\r\n");
        }

        void add(PosCsvReader.Row row, String reason) throws IOException {
            count++;
            out.write(Long.toString(row.line()));
            out.write(',');
            out.write(quote(reason));
            out.write(',');
            out.write(quote(row.raw()));
            out.write("\r\n");
        }

        int count() {
            return count;
        }

        private static String quote(String s) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}
