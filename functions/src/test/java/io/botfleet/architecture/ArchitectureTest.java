package io.botfleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.botfleet.lambda.FunctionCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of the functions, as rules that fail the build when code breaks them. Read them as the map:
 * which code may know about AWS, Lambda, HTTP and JSON, and what the webhook's hot path may load.
 */
class ArchitectureTest {
    private static JavaClasses functions;

    @BeforeAll
    static void importFunctions() throws Exception {
        // the functions' own classes only: the test class path also holds the local stack and the emulator
        Path classes = Path.of(FunctionCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        functions = new ClassFileImporter().importPath(classes);
    }

    /**
     * The edge translates between the outside and the domain: the HTTP edge of the admin API ({@code api}: routes,
     * request bodies, validation, views), the Lambda edge ({@code lambda}: each function's handler and the wiring that
     * assembles it), what every edge shares ({@code shared}: configuration, HTTP types, JSON, logging), the Telegram Bot
     * API client ({@code telegram}), the adapters beside each port, named for what they talk to ({@code Dynamo*},
     * {@code Sqs*}, {@code SecretsManager*}, {@code Aws*}), the codecs that read and write a boundary's JSON
     * ({@code *Json}), and the operator's command-line entry ({@code *Command}). Everything else is domain code.
     */
    private static final DescribedPredicate<JavaClass> EDGE = DescribedPredicate.describe("the edge",
            c -> c.getPackageName().matches("io\\.botfleet\\.(api|lambda|shared|telegram)(\\..*)?")
                    || isAdapter(c) || c.getEnclosingClass().map(ArchitectureTest::isAdapter).orElse(false));

    private static boolean isAdapter(JavaClass type) {
        return type.getSimpleName().matches("(Dynamo|Sqs|SecretsManager|Aws).*|.*(Json|Command)");
    }

    @Test
    void domainCodeKnowsNothingOfTheAwsSdkOrLambda() {
        ArchRule rule = noClasses().that(DescribedPredicate.not(EDGE)).should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .because("the domain is tested with in-memory ports and runs the same on any stack");
        rule.check(functions);
    }

    @Test
    void domainCodeKnowsNothingOfJson() {
        DescribedPredicate<JavaClass> jsonApi = DescribedPredicate.describe("JSON parsers, trees and mappers",
                c -> c.getPackageName().matches("(com\\.fasterxml\\.jackson|tools\\.jackson|org\\.json|io\\.botfleet\\.shared\\.json)(\\..*)?")
                        && !c.getPackageName().equals("com.fasterxml.jackson.annotation"));
        ArchRule rule = noClasses().that(DescribedPredicate.not(EDGE)).should().dependOnClassesThat(jsonApi)
                .because("bodies, queue messages and rows are turned into domain types once, at the edge; a value type "
                        + "may still name its JSON shape with Jackson's annotations");
        rule.check(functions);
    }

    @Test
    void domainCodeRefusesWithoutKnowingHttp() {
        ArchRule rule = noClasses().that(DescribedPredicate.not(EDGE)).should().dependOnClassesThat()
                .resideInAnyPackage("io.botfleet.shared.http..")
                .because("domain services refuse with Refusal; the HTTP edge decides statuses, headers and problem bodies");
        rule.check(functions);
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        ArchRule rule = slices().matching("io.botfleet.(**)").should().beFreeOfCycles()
                .because("a package can then be understood, tested and changed from what it depends on alone");
        rule.check(functions);
    }

    @Test
    void onlyTheEdgeDependsOnTheEdge() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("io.botfleet.api..", "io.botfleet.lambda..")
                .should().dependOnClassesThat().resideInAnyPackage("io.botfleet.api..", "io.botfleet.lambda..")
                .because("dependencies point inwards: the edges know the domain, the domain knows no edge");
        rule.check(functions);
    }

    @Test
    void lambdaHandlersLiveInTheLambdaEdge() {
        DescribedPredicate<JavaClass> handlers = DescribedPredicate.describe("Lambda handlers and function beans",
                c -> c.isTopLevelClass() && (c.isAssignableTo(RequestStreamHandler.class)
                        || c.isAssignableTo(RequestHandler.class) || c.getSimpleName().matches(".*(Function|Handler)")));
        ArchRule rule = classes().that(handlers).should().resideInAPackage("io.botfleet.lambda..")
                .because("a handler only translates an event into a call on the domain; its wiring sits beside it");
        rule.check(functions);
    }

    @Test
    void routesLiveInTheHttpEdge() {
        ArchRule rule = classes().that().haveSimpleNameEndingWith("Routes").should().resideInAPackage("io.botfleet.api")
                .because("paths, statuses, bodies and permissions of the admin API are read in one package");
        rule.check(functions);
    }

    @Test
    void theWebhookHotPathLoadsNeitherSpringNorJackson() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.botfleet.webhook", "io.botfleet.lambda.webhook")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.botfleet.shared.json.Json")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.botfleet.lambda", "io.botfleet.api..",
                        "io.botfleet.broadcast..", "io.botfleet.audit..", "io.botfleet.health..")
                .because("Spring and Jackson cost much of a cold start (JsonObjects reads and writes the webhook's JSON); the webhook answers Telegram, "
                        + "in order, and its first response is measured (bench coldstart); its jar leaves the other functions out");
        rule.check(functions);
    }

    @Test
    void functionsDoNotDependOnTheLocalStack() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.botfleet.local..", "io.botfleet.telegram.emulator..", "io.botfleet.runner..")
                .because("what deploys must not need what only runs locally");
        rule.check(functions);
    }

    @Test
    void everythingLogsThroughSlf4j() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("io.botfleet.shared.logging.StdoutLines")
                .and().resideOutsideOfPackage("io.botfleet.shared.logging")
                .and().doNotHaveFullyQualifiedName("io.botfleet.auth.SetupTokenCommand")
                .and().doNotHaveFullyQualifiedName("io.botfleet.analytics.ArchiveCommand")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("a function's stdout is one JSON log event per line (CloudWatch Logs Insights reads it); the operator's "
                        + "commands print what they were asked for");
        rule.check(functions);
    }
}
