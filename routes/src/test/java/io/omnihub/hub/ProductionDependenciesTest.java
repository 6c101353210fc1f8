package io.omnihub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The production hub runs on external PostgreSQL, Kafka, Artemis and FTP: its code reaches no
 * simulator and no embedded server (those are the local module's, which is not on this class
 * path, so a reference would only show up as a class missing at run time). The canonical model
 * and the mappers stay plain Java.
 */
@AnalyzeClasses(packages = "io.omnihub", importOptions = ImportOption.DoNotIncludeTests.class)
class ProductionDependenciesTest {

    @ArchTest
    static final ArchRule hubReachesNoSandboxAndNoEmbeddedServer = noClasses()
            .that()
            .resideInAPackage("io.omnihub.hub..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.omnihub.sandbox..",
                    "io.omnihub.local..",
                    "io.zonky..",
                    // the Kafka broker (Scala core, KRaft metadata); the client is org.apache.kafka.clients
                    "kafka..",
                    "org.apache.kafka.metadata..",
                    "org.apache.ftpserver..",
                    "org.apache.mina..",
                    // the Artemis broker; the hub is a JMS client (org.apache.activemq.artemis.jms.client)
                    "org.apache.activemq.artemis.core.server..")
            .because("the production jar carries no simulator and no embedded server (issue 16)");

    @ArchTest
    static final ArchRule mappingsHaveNoCamelAndNoWebTypes = noClasses()
            .that()
            .resideInAPackage("io.omnihub.mappings..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.camel..",
                    "org.springframework.web..",
                    "org.springframework.http..",
                    "jakarta.servlet..")
            .because("the canonical model and the mappers are pure functions, testable without a route or a server");
}
