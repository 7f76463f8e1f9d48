package io.botfleet.lambda.redirect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.botfleet.ads.Redirects;
import io.botfleet.shared.aws.Attributes;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.json.JsonObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import org.json.JSONObject;
import org.json.JSONStringer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * {@code GET /r/{code}}: a recipient opening an ad's tracked link. A plain stream handler (no Spring), like the webhook:
 * the person who tapped waits for this answer. Answers 302 to the link's URL once the click is counted, 404 (no
 * redirect) for a code the platform did not sign. Public: the code is the credential.
 */
public final class RedirectHandler implements RequestStreamHandler, Resource {
    private static final Logger log = LoggerFactory.getLogger(RedirectHandler.class);

    private final Redirects redirects;
    private final DynamoDbClient dynamoDb;
    private final String campaignsTable;

    /** Lambda's entry: configuration from the process environment. */
    public RedirectHandler() {
        this(RedirectWiring.create(Env.system()));
        Core.getGlobalContext().register(this);
    }

    RedirectHandler(RedirectWiring.Wired wired) {
        this.redirects = wired.redirects();
        this.dynamoDb = wired.dynamoDb();
        this.campaignsTable = wired.campaignsTable();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.initializeLogging(context);
        try {
            int status;
            Optional<String> location = Optional.empty();
            try {
                JSONObject event = JsonObjects.parse(input);
                String code = JsonObjects.text(JsonObjects.object(event, "pathParameters"), "code").orElse("");
                location = redirects.follow(code);
                status = location.isPresent() ? 302 : 404;
            } catch (IOException e) {
                status = 400;
            } catch (RuntimeException e) {
                // the click could not be counted: no redirect either, so the link can be tapped again
                log.error("redirect failed", e);
                status = 500;
            }
            write(status, location, output);
        } finally {
            PowertoolsLogging.clearState(true);
        }
    }

    static void write(int status, Optional<String> location, OutputStream output) throws IOException {
        JSONStringer json = new JSONStringer();
        json.object().key("statusCode").value(status).key("headers").object()
                .key("content-type").value("text/plain; charset=utf-8")
                // every tap must reach the platform to be counted
                .key("cache-control").value("no-store");
        if (location.isPresent()) {
            json.key("location").value(location.get());
        }
        json.endObject().key("body").value(switch (status) {
            case 302 -> "";
            case 404 -> "Not found";
            default -> "Try again";
        }).key("isBase64Encoded").value(false).endObject();
        output.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // SnapStart priming: the event parsing, a refused code and the response, and the SDK's DynamoDB path
        try {
            redirects.follow("priming");
            write(404, Optional.empty(), OutputStream.nullOutputStream());
            dynamoDb.getItem(b -> b.tableName(campaignsTable).key(Attributes.key("PRIMING", "PRIMING")));
        } catch (Exception e) {
            log.warn("priming incomplete: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing: clients re-resolve connections lazily
    }
}
