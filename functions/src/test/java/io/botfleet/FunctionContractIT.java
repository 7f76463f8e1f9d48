package io.botfleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of template.yaml, once per sample event in infra/events, invoked as Lambda invokes it: the
 * template's Handler and CodeUri, the raw event bytes, the Lambda runtime interface client. A function whose
 * classes are missing from its artifact, or that cannot bind its event, fails here.
 */
@LocalAws
class FunctionContractIT {
    private static final Path EVENTS = Path.of("..", "infra", "events");
    private static TelegramEmulator telegram;
    private static LocalAwsStack aws;

    /** A sample event, the functions it is for, and what each must answer. */
    record Contract(String event, String function, Consumer<JsonNode> answer) {
        @Override
        public String toString() {
            return function + " <- " + event;
        }
    }

    static List<Contract> contracts() {
        Consumer<JsonNode> unknownBot = a -> {
            assertThat(a.path("statusCode").asInt()).isEqualTo(404);
            assertThat(a.path("body").asText()).contains("unknown bot");
        };
        Consumer<JsonNode> batchRetried = a -> assertThat(a.path("batchItemFailures").findValuesAsText("itemIdentifier"))
                .containsExactly("3f1c2b7e-9d4a-4c6e-8b1f-2a5d7e9c0b31");
        return List.of(
                new Contract("webhook-message.json", "WebhookFunction", unknownBot),
                new Contract("webhook-callback.json", "WebhookFunction", unknownBot),
                // a code the platform did not sign leads nowhere
                new Contract("redirect-forged.json", "RedirectFunction", a -> {
                    assertThat(a.path("statusCode").asInt()).isEqualTo(404);
                    assertThat(a.path("headers").has("location")).isFalse();
                }),
                new Contract("api-health.json", "ApiFunction", a -> {
                    assertThat(a.path("statusCode").asInt()).as(a.path("body").asText()).isEqualTo(200);
                    assertThat(Json.read(a.path("body").asText().getBytes(), JsonNode.class).path("status").asText()).isEqualTo("ok");
                }),
                // the load balancers' probe: the function alone, never cached
                new Contract("api-shallow-health.json", "ApiFunction", a -> {
                    assertThat(a.path("statusCode").asInt()).as(a.path("body").asText()).isEqualTo(200);
                    assertThat(a.path("body").asText()).isEqualTo("{\"status\":\"ok\"}");
                    assertThat(a.path("headers").path("cache-control").asText()).isEqualTo("no-store");
                }),
                new Contract("api-login.json", "ApiFunction", a -> {
                    assertThat(a.path("statusCode").asInt()).isEqualTo(401);
                    assertThat(a.path("headers").path("content-type").asText()).startsWith("application/problem+json");
                }),
                // the batch's campaign does not exist here: the record is reported failed, so SQS retries it
                new Contract("sqs-send-batch.json", "SenderFunction", batchRetried),
                new Contract("sqs-send-batch.json", "PaidSenderFunction", batchRetried),
                // a campaign that is not running has nothing to plan: the message is consumed
                new Contract("sqs-campaign-start.json", "PlannerFunction", a ->
                        assertThat(a.path("batchItemFailures").isArray() && a.path("batchItemFailures").isEmpty()).isTrue()),
                // a schedule's start request for a campaign that does not exist starts nothing: consumed as well
                new Contract("sqs-scheduled-start.json", "PlannerFunction", a ->
                        assertThat(a.path("batchItemFailures").isArray() && a.path("batchItemFailures").isEmpty()).isTrue()),
                // an export nobody asked for (no status in the bucket) runs nothing: the message is consumed
                new Contract("sqs-backup-job.json", "BackupFunction", a ->
                        assertThat(a.path("batchItemFailures").isArray() && a.path("batchItemFailures").isEmpty()).isTrue()),
                new Contract("schedule-sweep.json", "ScheduleSweepFunction", a ->
                        assertThat(a.path("requested").asInt(-1)).as(a.toString()).isZero()),
                // the events message is counted; the one that is not an events message is reported failed (to the DLQ)
                new Contract("sqs-events.json", "AggregatorFunction", a -> assertThat(a.path("batchItemFailures")
                        .findValuesAsText("itemIdentifier")).containsExactly("9c4a1d6e-7f2b-4a3c-8e5d-1b0f9a2c6d83")),
                // a status change (recorded by the webhook) is counted, an ordinary update of a bot without a lease is
                // fenced (parked), and the record that is not an accepted update is reported failed (retried, then to the DLQ)
                new Contract("dynamodb-accepted-updates.json", "UpdateStreamFunction", a -> assertThat(a.path("batchItemFailures")
                        .findValuesAsText("itemIdentifier")).containsExactly("100000000000000000003")),
                // a dashboard connecting with a token that is not one: refused, which refuses the handshake
                new Contract("websocket-connect.json", "LiveFunction", a -> assertThat(a.path("statusCode").asInt()).isEqualTo(401)),
                // an upload no item asked for (or one already deleted): dropped, and the event is done
                new Contract("s3-media-upload.json", "MediaFunction", a -> assertThat(a.path("processed").path(0).asText())
                        .as(a.toString()).isEqualTo("uploads/01JDZ8Q4X7V0M3W5K2N6P8R9ST ignored")),
                new Contract("schedule-heartbeat.json", "HeartbeatFunction", a ->
                        assertThat(a.has("renewed") && a.has("claimed")).as(a.toString()).isTrue()));
    }

    static Stream<Arguments> cases() {
        return contracts().stream().map(Arguments::of);
    }

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersItsSampleEventThroughTheTemplateHandler(Contract contract) throws IOException {
        LambdaFunction function = aws.lambda().function(contract.function(), Map.of("TELEGRAM_API_BASE", telegram.baseUrl()));
        Invocation result = function.invoke(Files.readAllBytes(EVENTS.resolve(contract.event())));
        assertThat(result.failed()).as("%s answered %s", contract, result.payloadText()).isFalse();
        contract.answer().accept(Json.read(result.payload(), JsonNode.class));
    }

    @Test
    void everyFunctionAndEverySampleEventHasAContract() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            TreeSet<String> samples = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(samples).isEqualTo(new TreeSet<>(contracts().stream().map(Contract::event).toList()));
        }
        assertThat(new TreeSet<>(aws.lambda().functionIds()))
                .isEqualTo(new TreeSet<>(contracts().stream().map(Contract::function).toList()));
    }

    @Test
    void theApiAnswersABodyThatIsNotJsonWithAProblemNotAFunctionError() throws IOException {
        for (String body : new String[] {"{\"email\": \"a@b.co\", ", "email=a@b.co", "{} {}"}) {
            JsonNode event = Json.read(Files.readAllBytes(EVENTS.resolve("api-login.json")), JsonNode.class);
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("body", body);
            Invocation result = aws.lambda().function("ApiFunction").invoke(Json.writeBytes(event));
            assertThat(result.failed()).as("%s answered %s", body, result.payloadText()).isFalse();
            HttpApiEvents.Response response = HttpApiEvents.response(result);
            assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
        }
    }

    @Test
    void anEventTheFunctionCannotBindIsAnErrorNotASilentSuccess() {
        // an SQS event with a record whose body is not a send batch: reported failed, never dropped
        byte[] event = """
                {"Records":[{"messageId":"m-1","receiptHandle":"r","body":"not a batch","attributes":{},
                "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs",
                "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:SendQueue.fifo","awsRegion":"us-east-1"}]}""".getBytes();
        Invocation result = aws.lambda().function("SenderFunction").invoke(event);
        assertThat(result.failed()).isFalse();
        assertThat(result.payloadText()).contains("\"itemIdentifier\":\"m-1\"");
        assertThat(HttpApiEvents.response(Invocation.failure("X", "y")).status()).isEqualTo(500);
    }
}
