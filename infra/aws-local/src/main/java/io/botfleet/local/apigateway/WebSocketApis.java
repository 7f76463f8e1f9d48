package io.botfleet.local.apigateway;

import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a WEBSOCKET API of template.yaml as API Gateway deploys it: its stage, its route selection and, per route,
 * the function its AWS_PROXY integration invokes ({@code .../functions/${Fn.Alias}/invocations}).
 */
public final class WebSocketApis {
    private static final Pattern TARGET = Pattern.compile("integrations/\\$\\{(\\w+)}");
    private static final Pattern FUNCTION = Pattern.compile("functions/\\$\\{(\\w+)(?:\\.\\w+)?}/invocations");
    private static final String BODY_FIELD = "$request.body.";

    private WebSocketApis() {}

    /**
     * @param resolve   a template value (a parameter's !Ref, say) resolved as CloudFormation would
     * @param functions the invoker of a function by logical id
     */
    public static WebSocketApiGateway.Api read(SamTemplate template, String apiId, Function<Object, String> resolve,
                                               Function<String, Invoker> functions) {
        SamTemplate.Resource api = template.resources().get(apiId);
        String selection = String.valueOf(api.properties().get("RouteSelectionExpression"));
        if (!selection.startsWith(BODY_FIELD)) {
            throw new IllegalArgumentException(apiId + ": only $request.body.<field> route selection is run locally");
        }
        String stage = stage(template, apiId, resolve);
        Map<String, Invoker> routes = new LinkedHashMap<>();
        template.resourcesOfType("AWS::ApiGatewayV2::Route").values().stream().filter(r -> refersTo(r, apiId)).forEach(r -> {
            String integration = match(TARGET, r.properties().get("Target"), r.logicalId());
            Object uri = map(template.resources().get(integration).properties()).get("IntegrationUri");
            routes.put(String.valueOf(r.properties().get("RouteKey")), functions.apply(match(FUNCTION, uri, integration)));
        });
        return new WebSocketApiGateway.Api(apiId, stage, selection.substring(BODY_FIELD.length()), routes);
    }

    /** The name of the API's stage: the last segment of its URLs. */
    public static String stage(SamTemplate template, String apiId, Function<Object, String> resolve) {
        return template.resourcesOfType("AWS::ApiGatewayV2::Stage").values().stream()
                .filter(s -> refersTo(s, apiId)).map(s -> resolve.apply(s.properties().get("StageName"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(apiId + " has no stage"));
    }

    private static boolean refersTo(SamTemplate.Resource resource, String apiId) {
        return resource.properties().get("ApiId") instanceof Intrinsic.Ref ref && ref.name().equals(apiId);
    }

    private static String match(Pattern pattern, Object value, String where) {
        String text = value instanceof Intrinsic.Sub sub ? sub.template() : String.valueOf(value);
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(where + ": cannot read " + text + " locally");
        }
        return m.group(1);
    }
}
