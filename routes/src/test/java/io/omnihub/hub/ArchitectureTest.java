package io.omnihub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layering, as rules the build checks (issue 18). The canonical model and mappers
 * (io.omnihub.mappings), the shared platform-call types (io.omnihub.connectors), the channel SPI
 * (io.omnihub.channel) and each platform's module (io.omnihub.channels.<kind>) are plain Java
 * below the hub and never reach up into it; the hub meets a platform only through the SPI; inside
 * the hub, features do not import each other in circles, and controllers leave SQL to repositories.
 *
 * <p>The last two were found broken when they came (issue 18): two package cycles (config and
 * security, pricing and stock) and 20 places where three controllers ran SQL. The cycles went by
 * moving a start-up check's helper and the sync-out entry point to the packages both sides use;
 * the SQL moved into {@code Watermarks}, {@code StockFigures}, {@code ChannelPrices} and
 * {@code ManualTasks}.
 */
@AnalyzeClasses(packages = "io.omnihub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mappingsReachNeitherHubNorConnectors = noClasses()
            .that()
            .resideInAPackage("io.omnihub.mappings..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.omnihub.hub..", "io.omnihub.connectors..", "org.springframework..")
            .because("the canonical model and the mappers are pure functions any module can call");

    @ArchTest
    static final ArchRule connectorsReachNeitherHubNorCamel = noClasses()
            .that()
            .resideInAPackage("io.omnihub.connectors..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.omnihub.hub..", "org.apache.camel..", "org.springframework..")
            .because("a platform client speaks its platform's protocol; routes decide when to call it");

    @ArchTest
    static final ArchRule hubFeaturesHaveNoCycles = slices().matching("io.omnihub.hub.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a feature package that needs another's internals should say so in one direction");

    @ArchTest
    static final ArchRule controllersLeaveSqlToRepositories = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(JdbcTemplate.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(NamedParameterJdbcTemplate.class)
            .because("a controller maps HTTP to a call; the SQL sits in a repository or query class");

    @ArchTest
    static final ArchRule theChannelSpiAndChannelModulesStayPlainJava = noClasses()
            .that()
            .resideInAnyPackage("io.omnihub.channel..", "io.omnihub.channels..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.omnihub.hub..", "io.omnihub.sandbox..", "org.apache.camel..", "org.springframework..")
            .because(
                    "a channel module is its platform's protocol and mapping; the hub's routes decide when to call it");

    /**
     * A channel in one place: the hub reaches a platform only through the {@code ChannelType} SPI
     * (its module is on the hub's class path at run time only, so a compile-time reference could
     * not build anyway; this rule also covers tests' and other modules' code paths into the hub).
     */
    @ArchTest
    static final ArchRule theHubMeetsAPlatformOnlyThroughTheSpi = noClasses()
            .that()
            .resideInAPackage("io.omnihub.hub..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.omnihub.channels..")
            .because("adding a platform is one module under channels/ and no edit in the hub");

    /** One channel module never borrows another's client or mapper. */
    @ArchTest
    static final ArchRule channelModulesAreIndependent = slices().matching("io.omnihub.channels.(*)..")
            .should()
            .notDependOnEachOther()
            .because("each platform module can be added, removed or released alone");

    /** The channel kinds still inside the hub (webhook and drop channels): their platform code is theirs alone. */
    static final List<String> HUB_KINDS = List.of("pos", "partner", "youzan", "wecom");

    /**
     * A webhook or drop channel's signature checks and mappers are used by its own package of the
     * hub only (its ChannelType, its webhook controller or drop route), never by stock, pricing or
     * identity code that would then have to know the platform.
     */
    @ArchTest
    static void aHubChannelsPlatformCodeIsReachedOnlyFromItsPackage(JavaClasses classes) {
        for (String kind : HUB_KINDS) {
            noClasses()
                    .that()
                    .resideInAPackage("io.omnihub.hub..")
                    .and()
                    .resideOutsideOfPackage("io.omnihub.hub." + kind + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.omnihub.connectors." + kind + "..", "io.omnihub.mappings." + kind + "..")
                    .because("the hub reaches " + kind + " through its ChannelType, in io.omnihub.hub." + kind)
                    .check(classes);
        }
    }

    @ArchTest
    static final ArchRule noHandWrittenWaitsInTheHub = noClasses()
            .that()
            .resideInAPackage("io.omnihub.hub..")
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Thread.class, "sleep", long.class, int.class)
            .because("retries and pacing belong to the route configurations (ErrorPolicies) and the broker");
}
