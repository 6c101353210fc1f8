package io.omnihub.local;

import io.omnihub.sandbox.infra.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An Artemis broker reached over TCP with a login, as a production hub reaches its broker: the
 * broker's own settings come only from a {@code broker.properties} file (the one docker-compose
 * mounts, {@code config/artemis/broker.properties}, unless told otherwise), never from the hub.
 * One user with every permission on every address, management included, as the image's admin user
 * has.
 */
public final class NetworkArtemisBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final String url;

    private NetworkArtemisBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    public static NetworkArtemisBroker start(
            Path dataDirectory, String host, int port, String user, String password, Path brokerProperties) {
        int p = FreePorts.resolve(port);
        try {
            Files.createDirectories(dataDirectory);
            ConfigurationImpl config = new ConfigurationImpl();
            config.setName("omnihub-infrastructure");
            config.setPersistenceEnabled(true);
            config.setJournalType(JournalType.NIO);
            config.setJournalDirectory(dataDirectory.resolve("journal").toString());
            config.setBindingsDirectory(dataDirectory.resolve("bindings").toString());
            config.setPagingDirectory(dataDirectory.resolve("paging").toString());
            config.setLargeMessagesDirectory(
                    dataDirectory.resolve("large-messages").toString());
            config.setNodeManagerLockDirectory(dataDirectory.toString());
            config.setSecurityEnabled(true);
            config.setJMXManagementEnabled(false);
            config.addAcceptorConfiguration("artemis", "tcp://" + host + ":" + p);
            config.putSecurityRoles(
                    "#",
                    Set.of(new Role("hub", true, true, true, true, true, true, true, true, true, true, true, true)));
            if (brokerProperties != null) {
                config.parseProperties(brokerProperties.toAbsolutePath().toString());
            }
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(user, password);
            users.addRole(user, "hub");
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                    .setConfiguration(config)
                    .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            broker.start();
            return new NetworkArtemisBroker(broker, "tcp://" + host + ":" + p);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Artemis on " + host + ":" + p + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
