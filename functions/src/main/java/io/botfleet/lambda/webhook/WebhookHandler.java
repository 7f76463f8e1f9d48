package io.botfleet.lambda.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.json.JsonObjects;
import io.botfleet.webhook.TelegramUpdateJson;
import io.botfleet.webhook.WebhookOutcome;
import io.botfleet.webhook.WebhookService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.json.JSONObject;
import org.json.JSONStringer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * {@code POST <function URL>/telegram/{botId}}: the hot path, a plain stream handler (no Spring). Reads the function
 * URL's payload 2.0 event as a JSON tree ({@link WebhookRequest}) and writes the 2.0 response; everything else is
 * {@link WebhookService}.
 * Registers a SnapStart priming hook that runs the same parsing and SDK paths before the snapshot.
 */
public final class WebhookHandler implements RequestStreamHandler, Resource {
    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookService service;
    private final WebhookMetrics metrics;
    private final DynamoDbClient dynamoDb;
    private final String botsTable;

    /** Lambda's entry: configuration from the process environment. */
    public WebhookHandler() {
        this(Env.system());
        Core.getGlobalContext().register(this);
    }

    public WebhookHandler(Env env) {
        this(WebhookWiring.create(env));
    }

    public WebhookHandler(WebhookWiring.Wired wired) {
        this.service = wired.service();
        this.metrics = wired.metrics();
        this.dynamoDb = wired.dynamoDb();
        this.botsTable = wired.botsTable();
    }

    public WebhookService service() {
        return service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        PowertoolsLogging.initializeLogging(context);
        try {
            Answer answer;
            try {
                answer = answer(JsonObjects.parse(input));
            } catch (IOException e) {
                // not a body Telegram sent: the function URL always hands over a JSON event
                answer = new Answer(WebhookResponse.error(400, "event is not JSON"), false);
            }
            write(answer.response(), output);
            // a recorded update is counted by the stream consumer, a batch per line: no log line of its own here
            if (!answer.recorded()) {
                metrics.answered(answer.response().status(), System.nanoTime() - started);
            }
        } finally {
            PowertoolsLogging.clearState(true);
        }
    }

    private record Answer(WebhookResponse response, boolean recorded) {}

    /**
     * Handles a parsed function URL event. The URL answers every path and method: only {@code POST /telegram/<botId>}
     * reaches the service, the rest is refused without a read (404, 405).
     */
    public WebhookResponse handle(String event) throws IOException {
        return answer(JsonObjects.parse(event)).response();
    }

    private Answer answer(JSONObject event) {
        WebhookRequest request = WebhookRequest.parse(event);
        if (request.botId().isEmpty()) {
            return new Answer(WebhookResponse.error(404, "no such path"), false);
        }
        if (!request.isPost()) {
            return new Answer(WebhookResponse.error(405, "POST only"), false);
        }
        String botId = request.botId().get();
        MDC.put("bot_id", botId);
        WebhookOutcome outcome = service.handle(botId, request.secret(), request.sourceIp(), request.body());
        if (!outcome.recorded()) {
            metrics.record(botId, outcome.verdict());
        }
        return new Answer(WebhookResponse.of(outcome), outcome.recorded());
    }

    static void write(WebhookResponse response, OutputStream output) throws IOException {
        String json = new JSONStringer().object()
                .key("statusCode").value(response.status())
                .key("headers").object().key("content-type").value("application/json").endObject()
                .key("body").value(response.body())
                .key("isBase64Encoded").value(false)
                .endObject().toString();
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // SnapStart priming: load and JIT the event parsing, update parsing and response writing, and open the SDK's
        // DynamoDB path with a harmless read, so the first real request after restore does none of that work
        try {
            byte[] update = ("{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1,\"type\":\"private\","
                    + "\"first_name\":\"p\"},\"from\":{\"id\":1,\"first_name\":\"p\"},\"text\":\"/start x\"}}").getBytes(StandardCharsets.UTF_8);
            new TelegramUpdateJson().read(update);
            write(new WebhookResponse(200, "{}"), OutputStream.nullOutputStream());
            dynamoDb.getItem(b -> b.tableName(botsTable).key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))));
        } catch (Exception e) {
            log.warn("priming incomplete: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing: clients re-resolve connections lazily
    }
}
