package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml as CloudFormation will deploy it: transformed by aws-sam-translator (the library behind the
 * AWS::Serverless transform), so what SAM generates — versions, aliases, event source wiring — is checked before a
 * deploy rather than discovered after one.
 */
class TemplateTranslationTest {
    private static final String ALIAS = "live";

    private static Path template;
    private static Map<String, SamTemplate.Resource> declared;
    private static Map<String, Object> translated;

    @BeforeAll
    static void translateWithParameterDefaults() {
        template = SamTemplate.locate();
        declared = SamTemplate.load(template).resources();
        translated = translate(template);
    }

    @Test
    void everyDeclaredResourceIsInTheTransformedTemplate() {
        Map<String, Object> resources = resources(translated);
        declared.forEach((id, resource) -> {
            switch (resource.type()) {
                case "AWS::Serverless::Function" -> {
                    assertThat(type(resources, id)).as(id).isEqualTo("AWS::Lambda::Function");
                    assertThat(type(resources, aliasOf(id))).as(id + " alias").isEqualTo("AWS::Lambda::Alias");
                }
                case "AWS::Serverless::HttpApi" -> assertThat(type(resources, id)).as(id).isEqualTo("AWS::ApiGatewayV2::Api");
                default -> assertThat(type(resources, id)).as(id).isEqualTo(resource.type());
            }
        });
    }

    @Test
    void everyEventSourceInvokesTheLiveAliasNotTheBareFunction() {
        Map<String, Object> resources = resources(translated);
        Set<String> invoked = new TreeSet<>();
        resources.forEach((id, body) -> {
            Map<String, Object> properties = map(map(body).get("Properties"));
            switch (String.valueOf(map(body).get("Type"))) {
                case "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission" ->
                        invoked.add(aliasTarget(id, properties.get("FunctionName")));
                case "AWS::Events::Rule" -> list(properties.get("Targets"))
                        .forEach(target -> invoked.add(aliasTarget(id, map(target).get("Arn"))));
                case "AWS::ApiGatewayV2::Integration" -> {
                    String function = integrationTarget(properties.get("IntegrationUri"));
                    assertThat(function).as(id).endsWith("Alias" + ALIAS);
                    invoked.add(function);
                }
                default -> { }
            }
        });
        map(map(map(map(resources.get("HttpApi")).get("Properties")).get("Body")).get("paths")).forEach((path, methods) ->
                map(methods).forEach((method, operation) -> {
                    String function = integrationTarget(map(map(operation).get("x-amazon-apigateway-integration")).get("uri"));
                    assertThat(function).as(method + " " + path).endsWith("Alias" + ALIAS);
                    invoked.add(function);
                }));

        // a function without events is invoked by a WebSocket API's integration (which targets it by name)
        Set<String> integrated = declared.values().stream().filter(r -> r.type().equals("AWS::ApiGatewayV2::Integration"))
                .map(r -> String.valueOf(r.property("IntegrationUri")).replaceAll(".*/functions/\\$\\{([A-Za-z0-9]+)\\..*", "$1"))
                .collect(Collectors.toSet());
        Set<String> functionsWithEvents = declared.values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function") && (!map(r.property("Events")).isEmpty()
                        || r.property("FunctionUrlConfig") != null || integrated.contains(r.logicalId())))
                .map(r -> aliasOf(r.logicalId())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(functionsWithEvents).isNotEmpty();
        assertThat(invoked).isEqualTo(functionsWithEvents);
    }

    @Test
    void aConfigurationChangeAloneNamesANewVersion(@TempDir Path dir) throws IOException {
        // The same artifact with another tracing mode (a property SAM leaves out of the version's name unless
        // AutoPublishAliasAllProperties is on): if the version's logical id stayed the same, CloudFormation would
        // publish nothing and `live` would keep serving the old configuration.
        String source = Files.readString(template);
        String tracing = "    Tracing: Active\n";
        String webhookTracing = "      Tracing: PassThrough\n";
        assertThat(source).contains(tracing, webhookTracing);
        Path changed = dir.resolve("template.yaml");
        Files.writeString(changed, source.replace(tracing, "    Tracing: PassThrough\n")
                .replace(webhookTracing, "      Tracing: Active\n"));

        Set<String> before = versions(translated);
        Set<String> after = versions(translate(changed));
        assertThat(before).hasSize((int) declared.values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function")).count());
        assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aNewParameterValueReachesEveryFunctionThroughANewVersion() {
        // SAM names versions after properties as written, so a parameter's new value alone would not publish one;
        // each version's Description names the values instead, and a changed Description is applied by
        // CloudFormation only by replacing the version, i.e. publishing a new one that `live` then points at
        Map<String, Object> resources = resources(translated);
        Map<String, Object> parameters = map(translated.get("Parameters"));
        resources.forEach((id, body) -> {
            if (!"AWS::Lambda::Version".equals(map(body).get("Type"))) {
                return;
            }
            Map<String, Object> version = map(map(body).get("Properties"));
            String function = String.valueOf(map(version.get("FunctionName")).get("Ref"));
            Map<String, Object> variables = map(map(map(map(resources.get(function)).get("Properties"))
                    .get("Environment")).get("Variables"));
            Set<String> configured = new TreeSet<>();
            variables.values().forEach(v -> configured.addAll(parametersIn(v, parameters.keySet())));
            assertThat(configured).as(function + " is configured by parameters").contains("Stage");

            String description = String.valueOf(map(version.get("Description")).get("Fn::Sub"));
            assertThat(parametersIn(Map.of("Fn::Sub", description), parameters.keySet()))
                    .as(function + "'s version description names every parameter in its environment")
                    .containsAll(configured);
            int longest = description.replaceAll("\\$\\{[^}]+}", "").length() + configured.stream()
                    .mapToInt(name -> longestValue(map(parameters.get(name)))).sum();
            assertThat(longest).as(function + "'s longest version description").isLessThanOrEqualTo(256);
        });
    }

    /** The parameters a value refers to with Ref or ${Name} in Fn::Sub. */
    private static Set<String> parametersIn(Object value, Set<String> parameterNames) {
        Set<String> found = new TreeSet<>();
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.get("Ref") instanceof String name && parameterNames.contains(name)) {
            found.add(name);
        }
        if (intrinsic.get("Fn::Sub") instanceof String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}.]+)}").matcher(text);
            while (m.find()) {
                if (parameterNames.contains(m.group(1))) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    /** The most characters a parameter's value can have, from its constraints; unbounded fails the test. */
    private static int longestValue(Map<String, Object> parameter) {
        if (parameter.get("AllowedValues") instanceof List<?> values) {
            return values.stream().mapToInt(v -> String.valueOf(v).length()).max().orElse(0);
        }
        if (parameter.get("MaxLength") != null) {
            return Integer.parseInt(String.valueOf(parameter.get("MaxLength")));
        }
        if (parameter.get("MaxValue") != null) {
            return String.valueOf(parameter.get("MaxValue")).length();
        }
        java.util.regex.Matcher bound = java.util.regex.Pattern.compile("\\{\\d+,(\\d+)}$")
                .matcher(String.valueOf(parameter.get("AllowedPattern")));
        assertThat(bound.find()).as("a parameter in a version description needs a length limit: " + parameter).isTrue();
        return Integer.parseInt(bound.group(1));
    }

    @Test
    void theSeedTablesAndMediaAreRetainedOnDeleteAndReplace() {
        Map<String, Object> resources = resources(translated);
        List<String> stateful = new ArrayList<>();
        declared.forEach((id, r) -> {
            if (Set.of("AWS::SecretsManager::Secret", "AWS::DynamoDB::Table", "AWS::S3::Bucket").contains(r.type())) {
                stateful.add(id);
            }
        });
        assertThat(stateful).contains("PlatformSecret", "MediaBucket", "BotsTable");
        stateful.forEach(id -> {
            Map<String, Object> resource = map(resources.get(id));
            assertThat(resource.get("DeletionPolicy")).as(id + " DeletionPolicy").isEqualTo("Retain");
            assertThat(resource.get("UpdateReplacePolicy")).as(id + " UpdateReplacePolicy").isEqualTo("Retain");
        });
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarmOnTheAlarmTopic() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        declared.values().stream().filter(r -> r.type().equals("AWS::Serverless::Function")).forEach(function -> {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarms).as(function.logicalId() + " " + metric + " alarm").anySatisfy(alarm -> {
                    assertThat(alarm.get("Namespace")).isEqualTo("AWS/Lambda");
                    assertThat(alarm.get("MetricName")).isEqualTo(metric);
                    assertThat(alarm.get("Dimensions")).isEqualTo(List.of(
                            Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId()))));
                });
            }
        });
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmOnTheAlarmTopic() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        List<String> deadLetterQueues = new ArrayList<>();
        resources(translated).values().forEach(body -> {
            Map<String, Object> redrive = map(map(map(body).get("Properties")).get("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                deadLetterQueues.add(String.valueOf(list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0)));
            }
        });
        assertThat(deadLetterQueues).contains("SendDlq", "PaidSendDlq", "EventsDlq", "CampaignStartDlq");
        deadLetterQueues.forEach(dlq -> assertThat(alarms).as(dlq + " alarm").anySatisfy(alarm -> {
            assertThat(alarm.get("Namespace")).isEqualTo("AWS/SQS");
            assertThat(alarm.get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(alarm.get("Dimensions")).isEqualTo(List.of(
                    Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName")))));
            assertThat(alarm.get("Threshold")).isEqualTo(0);
        }));
    }

    @Test
    void everyAlarmTellsTheAlarmTopicWhenItFiresAndWhenItClears() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThan(2 * (int) declared.values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function")).count());
        Map<String, String> topic = Map.of("Ref", "AlarmTopic");
        assertThat(alarms).allSatisfy(alarm -> {
            assertThat(alarm.get("AlarmActions")).as(String.valueOf(alarm.get("AlarmDescription"))).isEqualTo(List.of(topic));
            assertThat(alarm.get("OKActions")).as(String.valueOf(alarm.get("AlarmDescription"))).isEqualTo(List.of(topic));
            assertThat(alarm.get("TreatMissingData")).isEqualTo("notBreaching");
        });
    }

    @Test
    void theDashboardIsJsonWhoseReferencesAreTheStacksAndShowsEveryFunctionAndDeadLetterQueue() throws IOException {
        List<Map<String, Object>> dashboards = ofType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = String.valueOf(map(dashboards.getFirst().get("DashboardBody")).get("Fn::Sub"));
        Set<String> names = new TreeSet<>(resources(translated).keySet());
        names.addAll(map(translated.get("Parameters")).keySet());
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        Set<String> referenced = new TreeSet<>();
        while (reference.find()) {
            String name = reference.group(1);
            if (!name.startsWith("AWS::")) {
                assertThat(names).as("${%s} in the dashboard", name).contains(name.split("\\.")[0]);
                referenced.add(name);
            }
        }
        // what CloudFormation substitutes is a name or an ARN: any string stands for it
        Map<String, Object> parsed = map(new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(body.replaceAll("\\$\\{[^}]+}", "x"), Map.class));
        assertThat(list(parsed.get("widgets"))).isNotEmpty().allSatisfy(w -> assertThat(map(w).get("type")).isIn("metric", "alarm", "text"));
        declared.values().stream().filter(r -> r.type().equals("AWS::Serverless::Function"))
                .forEach(f -> assertThat(referenced).as("dashboard shows " + f.logicalId()).contains(f.logicalId()));
        assertThat(referenced).contains("SendDlq.QueueName", "PaidSendDlq.QueueName", "EventsDlq.QueueName",
                "CampaignStartDlq.QueueName", "HttpApi");
    }

    @Test
    void everyFunctionButTheWebhookIsTracedAndEveryTableCanBeRestoredToAPointInTime() {
        resources(translated).forEach((id, body) -> {
            Map<String, Object> properties = map(map(body).get("Properties"));
            switch (String.valueOf(map(body).get("Type"))) {
                // the webhook records no trace per update (Telegram sends no trace header): $5 per million saved
                case "AWS::Lambda::Function" -> assertThat(map(properties.get("TracingConfig")).get("Mode")).as(id + " tracing")
                        .isEqualTo(id.equals("WebhookFunction") ? "PassThrough" : "Active");
                case "AWS::DynamoDB::Table" -> assertThat(map(properties.get("PointInTimeRecoverySpecification"))
                        .get("PointInTimeRecoveryEnabled")).as(id + " PITR").isEqualTo(true);
                default -> { }
            }
        });
    }

    @Test
    void telegramReachesTheWebhookThroughItsFunctionUrlOnTheLiveAliasNotThroughTheHttpApi() {
        Map<String, Object> resources = resources(translated);
        Map<String, Object> url = map(map(resources.get("WebhookFunctionUrl")).get("Properties"));
        assertThat(type(resources, "WebhookFunctionUrl")).isEqualTo("AWS::Lambda::Url");
        assertThat(url.get("AuthType")).isEqualTo("NONE");
        assertThat(url.get("TargetFunctionArn")).isEqualTo(Map.of("Ref", aliasOf("WebhookFunction")));
        // anyone may call it (Telegram cannot sign); the secret-token header authenticates each update
        List<Map<String, Object>> grants = ofType("AWS::Lambda::Permission").stream()
                .filter(p -> Map.of("Ref", aliasOf("WebhookFunction")).equals(p.get("FunctionName"))).toList();
        assertThat(grants).extracting(p -> p.get("Action")).containsExactlyInAnyOrder("lambda:InvokeFunctionUrl", "lambda:InvokeFunction");
        assertThat(grants).allSatisfy(p -> assertThat(p.get("Principal")).isEqualTo("*"));
        assertThat(ofType("AWS::Lambda::Url")).hasSize(1);

        assertThat(map(map(map(map(resources.get("HttpApi")).get("Properties")).get("Body")).get("paths")).keySet())
                .noneMatch(path -> path.startsWith("/telegram"));
        Map<String, Object> webhook = map(map(resources.get("WebhookFunction")).get("Properties"));
        assertThat(webhook.get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Ref", "WebhookConcurrency"));
        // Lambda's START/END/REPORT lines are INFO: not ingested per update
        assertThat(map(webhook.get("LoggingConfig"))).containsEntry("LogFormat", "JSON").containsEntry("SystemLogLevel", "WARN")
                .containsEntry("ApplicationLogLevel", "INFO");
        // the functions that point webhooks take the URL from the function URL, and so does the stack's output
        Map<String, Object> base = Map.of("Fn::Sub", "${WebhookFunctionUrl.FunctionUrl}telegram");
        for (String function : List.of("ApiFunction", "HeartbeatFunction")) {
            assertThat(map(map(map(map(resources.get(function)).get("Properties")).get("Environment")).get("Variables"))
                    .get("WEBHOOK_BASE_URL")).as(function).isEqualTo(base);
        }
        assertThat(map(map(translated.get("Outputs")).get("WebhookBaseUrl")).get("Value")).isEqualTo(base);
    }

    /** The Properties of every transformed resource of a type. */
    private static List<Map<String, Object>> ofType(String type) {
        return resources(translated).values().stream().filter(body -> type.equals(map(body).get("Type")))
                .map(body -> map(map(body).get("Properties"))).toList();
    }

    /** The function an API integration's {@code Fn::Sub} URI invokes ({@code .../functions/${Target}/invocations}). */
    private static String integrationTarget(Object uri) {
        return String.valueOf(map(uri).get("Fn::Sub")).replaceAll(".*/functions/\\$\\{([A-Za-z0-9]+)}/invocations.*", "$1");
    }

    private static String aliasOf(String functionId) {
        return functionId + "Alias" + ALIAS;
    }

    /** The logical id an event source's function reference points at; it must be an alias. */
    private static String aliasTarget(String sourceId, Object reference) {
        String target = String.valueOf(map(reference).get("Ref"));
        assertThat(target).as(sourceId + " targets " + reference).endsWith("Alias" + ALIAS);
        return target;
    }

    private static Set<String> versions(Map<String, Object> transformed) {
        return resources(transformed).entrySet().stream()
                .filter(e -> "AWS::Lambda::Version".equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> resources(Map<String, Object> transformed) {
        return map(transformed.get("Resources"));
    }

    private static Object type(Map<String, Object> resources, String id) {
        return map(resources.get(id)).get("Type");
    }

    /** Runs sam_translate.py (parameters at their defaults) and parses the JSON it prints. */
    private static Map<String, Object> translate(Path samTemplate) {
        try {
            Path script = Path.of(TemplateTranslationTest.class.getResource("sam_translate.py").toURI());
            Process python = new ProcessBuilder("python3", script.toString(), samTemplate.toString()).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(python.getErrorStream()));
            String output = read(python.getInputStream());
            assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(errors.join()).as("translation errors").isEmpty();
            assertThat(python.exitValue()).isZero();
            // JSON is YAML: snakeyaml (already here for template.yaml) reads it
            return new Yaml().load(output);
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
