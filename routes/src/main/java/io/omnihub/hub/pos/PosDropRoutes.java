package io.omnihub.hub.pos;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.hub.channel.ChannelSettingsCheck;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.routing.ErrorPolicies;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One route per {@code pos-ftp} channel instance, {@code <instance>.pos.drops}: polls the
 * instance's FTP directory for {@code *.csv} (never {@code *.tmp}: POS uploads under that name and
 * renames when done), waits until a file stops changing, fetches it to local disk and hands it to
 * {@link PosDrops}. The file then moves to {@code .done/} or {@code .error/}, with its report
 * uploaded beside it. If processing fails for any other reason (the database is away) the file
 * stays where it is and is tried again on the next poll; rows already stored are not stored twice.
 */
@Component
public class PosDropRoutes extends RouteBuilder {

    private final HubProperties hub;
    private final PosDrops drops;
    private final Path workDir;

    /** {@code checked}: a missing drop directory, a wrong charset or zone stops the start, not the first file. */
    public PosDropRoutes(
            HubProperties hub, PosDrops drops, @Value("${hub.data-dir}") String dataDir, ChannelSettingsCheck checked) {
        this.hub = hub;
        this.drops = drops;
        this.workDir = Path.of(dataDir, "pos-work").toAbsolutePath();
    }

    @Override
    public void configure() {
        routeTemplate("pos-drops")
                .templateParameter("instanceId")
                .templateParameter("drops")
                .templateParameter("reports")
                .from("master:{{instanceId}}:{{drops}}")
                .routeConfigurationId(ErrorPolicies.FILE_DROP)
                .setVariable("instanceId", constant("{{instanceId}}"))
                .process(exchange -> {
                    String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                    PosDropOutcome outcome =
                            drops.ingest(exchange.getVariable("instanceId", String.class), localFile(exchange), name);
                    exchange.setProperty("posMoveTo", outcome.moveTo());
                    exchange.setProperty("posOutcome", outcome);
                })
                .filter(exchange ->
                        exchange.getProperty("posOutcome", PosDropOutcome.class).hasReport())
                .process(exchange -> {
                    PosDropOutcome outcome = exchange.getProperty("posOutcome", PosDropOutcome.class);
                    exchange.getMessage().setHeader(Exchange.FILE_NAME, outcome.reportName());
                    exchange.getMessage().setBody(outcome.report().toFile());
                })
                .to("{{reports}}")
                .process(exchange -> drops.uploaded(exchange.getProperty("posOutcome", PosDropOutcome.class)))
                .end();

        for (Map.Entry<String, ChannelInstance> e : hub.getChannels().entrySet()) {
            ChannelInstance instance = e.getValue();
            if (PosFtpChannelType.NAME.equals(instance.getType()) && instance.isEnabled()) {
                String id = e.getKey();
                templatedRoute("pos-drops")
                        .routeId(id + ".pos.drops")
                        .group(id)
                        .parameter("instanceId", id)
                        .parameter("drops", drops(id, instance))
                        .parameter("reports", ftp(instance) + "&fileExist=Override");
            }
        }
    }

    /** The drop directory polled: CSV files that stopped changing, fetched to local disk, oldest name first. */
    private String drops(String id, ChannelInstance instance) {
        return ftp(instance)
                + "&antInclude=*.csv&antFilterCaseSensitive=false"
                + "&readLock=changed&readLockCheckInterval=1000&readLockTimeout=10000&readLockMinLength=0"
                + "&localWorkDirectory=" + workDir.resolve(id)
                + "&sortBy=file:name&initialDelay=1000&delay="
                + instance.getPull().getInterval().toMillis()
                + "&move=${exchangeProperty.posMoveTo}";
    }

    private static File localFile(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof GenericFile<?> g && g.getBody() instanceof File f) {
            return f;
        }
        return exchange.getMessage().getMandatoryBody(File.class);
    }

    private static String ftp(ChannelInstance instance) {
        ChannelInstance.Credentials c = instance.getCredentials();
        return instance.getEndpoint() + "?binary=true&passiveMode=true"
                + (c.getUsername() == null ? "" : "&username=" + c.getUsername())
                + (c.getPassword() == null ? "" : "&password=RAW(" + c.getPassword() + ")");
    }
}
