package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;

import com.sun.net.httpserver.HttpHandler;
import io.botfleet.local.apigateway.FunctionUrlHost;
import io.botfleet.local.apigateway.HttpApiGateway;
import io.botfleet.local.apigateway.WebSocketApiGateway;
import io.botfleet.local.apigateway.WebSocketApis;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.local.lambda.LocalLambda;
import io.botfleet.local.lambda.sources.DynamoDbStreamEventSource;
import io.botfleet.local.lambda.sources.S3EventSource;
import io.botfleet.local.lambda.sources.ScheduleTimer;
import io.botfleet.local.lambda.sources.SqsEventSource;
import io.botfleet.local.scheduler.LocalScheduler;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's functions behind their events, as a deployment wires them: HttpApi routes on a local API
 * Gateway, each FunctionUrlConfig as a function URL on a port of its own, SQS event source mappings as pollers, schedules as timers, S3 notifications from the gateway's writes,
 * EventBridge Scheduler's schedules fired by the local scheduler. Every event reaches a function through
 * {@link LocalLambda}, so through its Handler in its own process.
 */
public final class LocalDeployment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalDeployment.class);

    /**
     * @param overrides   environment every function gets on top of the template's (the runner's public URL, say)
     * @param port        the HTTP API's port; 0 picks one
     * @param fallback    serves paths no route matches (null: API Gateway's 404)
     * @param eventSources whether SQS pollers and schedules run (a test may drive functions itself)
     * @param webSocketPort the port of the template's WebSocket API (the first, when it has several); 0 picks one
     * @param schedulerPoll how often the local EventBridge Scheduler looks for due schedules
     */
    public record Options(Map<String, String> overrides, int port, HttpHandler fallback, boolean eventSources,
                          int webSocketPort, Duration schedulerPoll) {
        public static final Duration SCHEDULER_POLL = Duration.ofSeconds(1);

        public Options(Map<String, String> overrides, int port, HttpHandler fallback, boolean eventSources) {
            this(overrides, port, fallback, eventSources, 0);
        }

        public Options(Map<String, String> overrides, int port, HttpHandler fallback, boolean eventSources, int webSocketPort) {
            this(overrides, port, fallback, eventSources, webSocketPort, SCHEDULER_POLL);
        }
    }

    private final LocalLambda lambda;
    private final Map<String, String> overrides;
    private final HttpApiGateway api;
    private final List<WebSocketApiGateway> webSocketApis = new ArrayList<>();
    private final LocalAwsStack stack;
    private final List<AutoCloseable> sources = new ArrayList<>();
    private final Map<String, FunctionUrlHost> functionUrls = new java.util.LinkedHashMap<>();

    private LocalDeployment(LocalAwsStack stack, LocalLambda lambda, Map<String, String> overrides, HttpApiGateway api) {
        this.stack = stack;
        this.lambda = lambda;
        this.overrides = Map.copyOf(overrides);
        this.api = api;
    }

    public static LocalDeployment start(LocalAwsStack stack, LocalLambda lambda, Options options) {
        List<HttpApiGateway.Route> routes = new ArrayList<>();
        for (String id : lambda.functionIds()) {
            events(stack, id).forEach((name, event) -> {
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> props = map(event.get("Properties"));
                    routes.add(new HttpApiGateway.Route(String.valueOf(props.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(props.get("Path")), invoker(lambda, id, options.overrides())));
                }
            });
        }
        LocalDeployment deployment = new LocalDeployment(stack, lambda, options.overrides(),
                HttpApiGateway.start(options.port(), routes, options.fallback()));
        try {
            stack.deployParameters(parametersOf(stack.template(), options.overrides()));
            deployment.startFunctionUrls();
            deployment.startWebSocketApis(options.webSocketPort());
            if (options.eventSources()) {
                deployment.startEventSources(stack);
                deployment.startScheduler(options.schedulerPoll());
            }
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
        return deployment;
    }

    /**
     * The template parameters these environment overrides stand for: a variable the template binds to
     * {@code !Ref Parameter} (DASHBOARD_ORIGIN: !Ref DashboardOrigin) gives that parameter its value, so resources
     * naming the parameter (a bucket's CORS origins) agree with what the functions were told.
     */
    static Map<String, String> parametersOf(SamTemplate template, Map<String, String> overrides) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> environments = new ArrayList<>();
        environments.add(map(map(template.functionGlobals().get("Environment")).get("Variables")));
        template.resources().values().forEach(r -> environments.add(map(map(r.property("Environment")).get("Variables"))));
        for (Map<String, Object> variables : environments) {
            variables.forEach((name, value) -> {
                if (value instanceof Intrinsic.Ref ref && template.parameterDefaults().containsKey(ref.name())
                        && overrides.containsKey(name)) {
                    parameters.put(ref.name(), overrides.get(name));
                }
            });
        }
        return parameters;
    }

    private static Invoker invoker(LocalLambda lambda, String id, Map<String, String> overrides) {
        // resolved per call: the function's environments start on its first event, not with the deployment
        return event -> lambda.function(id, overrides).invoke(event);
    }

    /** Each function URL on a port of its own; the functions' environments name it where the template names the URL. */
    private void startFunctionUrls() {
        for (String id : lambda.functionIds()) {
            if (stack.template().resources().get(id).property("FunctionUrlConfig") != null) {
                String url = stack.functionUrl(id);
                String urlId = url.substring("https://".length(), url.indexOf('.'));
                Object reserved = stack.template().resources().get(id).property("ReservedConcurrentExecutions");
                int limit = reserved == null ? Integer.MAX_VALUE : Integer.parseInt(
                        new TemplateEnvironment(stack.template(), stack.resources(), Map.of(), Map.of()).resolve(reserved));
                FunctionUrlHost host = FunctionUrlHost.start(0, urlId, invoker(lambda, id, overrides), limit);
                functionUrls.put(id, host);
                stack.serveFunctionUrl(id, host.url());
            }
        }
    }

    /** The local base of a function's URL (ending with "/"), as its FunctionUrl attribute would be on AWS. */
    public String functionUrl(String logicalId) {
        FunctionUrlHost host = functionUrls.get(logicalId);
        if (host == null) {
            throw new IllegalArgumentException(logicalId + " has no FunctionUrlConfig in template.yaml");
        }
        return host.url();
    }

    /** Each WEBSOCKET API on a port of its own, its management calls routed to it through the AWS gateway. */
    private void startWebSocketApis(int firstPort) {
        var environment = new TemplateEnvironment(stack.template(), stack.resources(), Map.of(), Map.of());
        for (String apiId : stack.webSocketApiIds()) {
            WebSocketApiGateway gateway = WebSocketApiGateway.start(webSocketApis.isEmpty() ? firstPort : 0,
                    WebSocketApis.read(stack.template(), apiId, environment::resolve, id -> invoker(lambda, id, overrides)));
            webSocketApis.add(gateway);
            stack.serveWebSocketApi(apiId, gateway.endpoint());
        }
    }

    private void startEventSources(LocalAwsStack stack) {
        for (String id : lambda.functionIds()) {
            events(stack, id).forEach((name, event) -> {
                Map<String, Object> props = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "SQS" -> {
                        PhysicalResource queue = stack.resource(((Intrinsic.GetAtt) props.get("Queue")).resource());
                        boolean reportFailures = String.valueOf(props.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
                        int concurrency = Integer.parseInt(String.valueOf(
                                map(props.get("ScalingConfig")).getOrDefault("MaximumConcurrency", "2")));
                        var source = new SqsEventSource.Source(id, queue.ref(), queue.attribute("Arn"),
                                Integer.parseInt(String.valueOf(props.getOrDefault("BatchSize", "10"))), reportFailures,
                                Math.min(concurrency, 4), java.time.Duration.ofSeconds(
                                        Long.parseLong(String.valueOf(props.getOrDefault("MaximumBatchingWindowInSeconds", "0")))));
                        sources.add(new SqsEventSource(stack.clients().sqs(), source, invoker(lambda, id, overrides)).start());
                    }
                    case "DynamoDB" -> sources.add(new DynamoDbStreamEventSource(stack.dynamoDbStreams(), stack.clients().sqs(),
                            streamSource(stack, id, props), invoker(lambda, id, overrides)).start());
                    case "Schedule", "ScheduleV2" -> sources.add(ScheduleTimer.start(id, invoker(lambda, id, overrides), id + name,
                            ScheduleTimer.parseRate(String.valueOf(props.getOrDefault("Schedule", props.get("ScheduleExpression"))))));
                    case "S3" -> sources.add(S3EventSource.start(stack, s3Notification(stack, id, name, props),
                            invoker(lambda, id, overrides)));
                    case "HttpApi" -> { } // served by the gateway
                    default -> log.warn("{}: event type {} is not run locally", id, event.get("Type"));
                }
            });
        }
    }

    /** A SAM DynamoDB event as the event source mapping it becomes. */
    public static DynamoDbStreamEventSource.Source streamSource(LocalAwsStack stack, String functionId, Map<String, Object> props) {
        String streamArn = stack.resource(((Intrinsic.GetAtt) props.get("Stream")).resource()).attribute("StreamArn");
        Object destination = map(map(props.get("DestinationConfig")).get("OnFailure")).get("Destination");
        String onFailure = destination instanceof Intrinsic.GetAtt queue ? stack.resource(queue.resource()).ref() : null;
        List<com.fasterxml.jackson.databind.JsonNode> filters = new ArrayList<>();
        for (Object filter : list(map(props.get("FilterCriteria")).get("Filters"))) {
            try {
                filters.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(map(filter).get("Pattern"))));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(functionId + ": filter pattern is not JSON", e);
            }
        }
        return new DynamoDbStreamEventSource.Source(functionId,
                "arn:aws:lambda:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":function:" + functionId, streamArn,
                Integer.parseInt(String.valueOf(props.getOrDefault("BatchSize", "100"))),
                Duration.ofSeconds(Long.parseLong(String.valueOf(props.getOrDefault("MaximumBatchingWindowInSeconds", "0")))),
                String.valueOf(props.get("StartingPosition")),
                Integer.parseInt(String.valueOf(props.getOrDefault("MaximumRetryAttempts", "-1"))),
                Boolean.parseBoolean(String.valueOf(props.getOrDefault("BisectBatchOnFunctionError", "false"))),
                String.valueOf(props.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                filters, onFailure, LocalAwsStack.REGION);
    }

    /** A SAM S3 event as the bucket's notification configuration it becomes: bucket, events, key filter rules. */
    private static S3EventSource.Notification s3Notification(LocalAwsStack stack, String functionId, String eventName,
                                                             Map<String, Object> props) {
        String bucket = stack.resource(((Intrinsic.Ref) props.get("Bucket")).name()).ref();
        Object events = props.get("Events");
        List<String> names = events instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(events));
        List<S3EventSource.Rule> rules = list(map(map(props.get("Filter")).get("S3Key")).get("Rules")).stream()
                .map(r -> new S3EventSource.Rule(String.valueOf(map(r).get("Name")), String.valueOf(map(r).get("Value"))))
                .toList();
        return new S3EventSource.Notification(functionId, functionId + eventName, bucket, names, rules);
    }

    /** EventBridge Scheduler's firing, for the schedule groups the template declares (moto never fires schedules). */
    private void startScheduler(Duration poll) {
        List<String> groups = stack.template().resourcesOfType(ResourceProvisioner.SCHEDULE_GROUP).keySet().stream()
                .map(id -> stack.resource(id).ref()).toList();
        if (!groups.isEmpty()) {
            sources.add(LocalScheduler.start(stack, groups, poll));
        }
    }

    private static Map<String, Map<String, Object>> events(LocalAwsStack stack, String functionId) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        map(stack.template().resources().get(functionId).property("Events")).forEach((name, e) -> out.put(name, map(e)));
        return out;
    }

    public HttpApiGateway api() {
        return api;
    }

    /** The template's WebSocket APIs, running. */
    public List<WebSocketApiGateway> webSocketApis() {
        return List.copyOf(webSocketApis);
    }

    /** The deployed function (with this deployment's overrides), to invoke it directly as the Invoke API would. */
    public LambdaFunction function(String logicalId) {
        return lambda.function(logicalId, overrides);
    }

    @Override
    public void close() {
        for (int i = sources.size() - 1; i >= 0; i--) {
            try {
                sources.get(i).close();
            } catch (Exception e) {
                log.warn("closing an event source failed", e);
            }
        }
        sources.clear();
        for (WebSocketApiGateway webSocketApi : webSocketApis) {
            stack.stopServingWebSocketApi(webSocketApi.api().apiId());
            webSocketApi.close();
        }
        webSocketApis.clear();
        functionUrls.forEach((id, host) -> {
            stack.stopServingFunctionUrl(id);
            host.close();
        });
        functionUrls.clear();
        stack.deployParameters(Map.of());
        api.close();
    }
}
