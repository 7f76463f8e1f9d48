package io.botfleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.botfleet.FunctionCatalog;
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
     * Adapters (named for what they talk to: {@code Dynamo*}, {@code Sqs*}, {@code SecretsManager*}, {@code Aws*}),
     * handlers ({@code *Function}, {@code *Handler}, {@code *Routes}, {@code *Command}, {@code PlatformInvoker}) and
     * wiring ({@code *Wiring}, {@code *Module}, {@code *Checks}, and the shared configuration and HTTP edge in
     * {@code shared} and {@code api}) translate between the outside and the domain; everything else is domain code.
     */
    private static final DescribedPredicate<JavaClass> EDGE = DescribedPredicate.describe("adapters, handlers and wiring",
            c -> c.getPackageName().startsWith("io.botfleet.shared") || c.getPackageName().equals("io.botfleet.api")
                    || isEdge(c) || c.getEnclosingClass().map(ArchitectureTest::isEdge).orElse(false));

    private static boolean isEdge(JavaClass type) {
        return type.getSimpleName().matches("(Dynamo|Sqs|SecretsManager|Aws).*"
                + "|.*(Function|Handler|Routes|Command|Invoker|Wiring|Module|Checks|Catalog|Application|Authenticator)");
    }

    @Test
    void domainCodeKnowsNothingOfTheAwsSdkOrLambda() {
        ArchRule rule = noClasses().that(DescribedPredicate.not(EDGE)).should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .because("the domain is tested with in-memory ports and runs the same on any stack");
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
    void theWebhookHotPathLoadsNeitherSpringNorAnObjectMapper() {
        ArchRule rule = noClasses().that().resideInAPackage("io.botfleet.webhook").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "tools.jackson..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectMapper")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.botfleet.shared.json.Json")
                .because("Spring and Jackson's ObjectMapper cost most of a cold start; the webhook answers Telegram, "
                        + "in order, and its first response is measured (bench coldstart)");
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
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("a function's stdout is one JSON log event per line (CloudWatch Logs Insights reads it)");
        rule.check(functions);
    }
}
