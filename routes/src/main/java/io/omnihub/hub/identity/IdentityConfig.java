package io.omnihub.hub.identity;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.jdbc.CopyRows;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.identity.IdentityRules;
import io.omnihub.mappings.identity.Survivorship;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The identity graph with the configured guardrails ({@code hub.identity.*}) and source trust order. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfig {

    @Bean
    IdentityGraph identityGraph(JdbcClient jdbc, CopyRows copy, IdentityLog log, HubProperties hub, BatchSteps steps) {
        HubProperties.Identity cfg = hub.getIdentity();
        return new IdentityGraph(
                jdbc,
                copy,
                log,
                new IdentityResolver(
                        new IdentityRules(cfg.getLimits(), cfg.getSharedAfter()), () -> "C-" + RandomIds.uuid()),
                steps);
    }

    @Bean
    IdentityReads identityReads(IdentityGraph graph, IdentityLog log, HubProperties hub) {
        return new IdentityReads(
                graph, log, new GoldenRecords(new Survivorship(hub.getIdentity().getSourceTrust()), source -> {
                    ChannelInstance c = hub.getChannels().get(source);
                    return c == null ? source : c.getType();
                }));
    }
}
