package io.botfleet.local.lambda;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.gateway.RoleCredentials;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The Lambda service of the local stack: every function of template.yaml, run from its CodeUri through its Handler
 * in processes of its own, with the environment and role the template gives it. A function is named by its
 * logical id; environment overrides (a test's or the runner's) make a separate deployment of the same function.
 */
public final class LocalLambda implements AutoCloseable {
    private static final String FUNCTION = "AWS::Serverless::Function";

    private final LocalAwsStack stack;
    private final Path templateDirectory;
    private final int maxConcurrency;
    private final Consumer<String> echo;
    private final String runtimeClasspath = RuntimeClasspath.get();
    private final Map<Deployment, LambdaFunction> deployed = new ConcurrentHashMap<>();
    private final Map<String, FunctionLog> logs = new ConcurrentHashMap<>();
    private final Map<String, CloudWatchLogsClient> logClients = new ConcurrentHashMap<>();
    private final CloudWatchLogShipper shipper = new CloudWatchLogShipper(this::logClient);

    private record Deployment(String logicalId, Map<String, String> overrides) {}

    /**
     * @param maxConcurrency execution environments per function at most (a local stand-in for Lambda's scaling)
     * @param echo           receives every log line of every function, prefixed with its logical id
     */
    public LocalLambda(LocalAwsStack stack, Path templateDirectory, int maxConcurrency, Consumer<String> echo) {
        this.stack = stack;
        this.templateDirectory = templateDirectory;
        this.maxConcurrency = maxConcurrency;
        this.echo = echo;
    }

    public LocalLambda(LocalAwsStack stack) {
        this(stack, SamTemplate.locate().getParent(), 2, System.out::println);
    }

    /** The logical ids of the template's functions. */
    public List<String> functionIds() {
        return List.copyOf(stack.template().resourcesOfType(FUNCTION).keySet());
    }

    public LambdaFunction function(String logicalId) {
        return function(logicalId, Map.of());
    }

    public LambdaFunction function(String logicalId, Map<String, String> overrides) {
        return deployed.computeIfAbsent(new Deployment(logicalId, Map.copyOf(overrides)),
                d -> new LambdaFunction(spec(logicalId, overrides), runtimeClasspath, maxConcurrency, log(logicalId)));
    }

    /** What the template says about one function, with the local stack's endpoints and the overrides. */
    public FunctionSpec spec(String logicalId, Map<String, String> overrides) {
        SamTemplate.Resource resource = stack.template().resourcesOfType(FUNCTION).get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId);
        }
        Map<String, Object> globals = stack.template().functionGlobals();
        Map<String, Object> properties = new LinkedHashMap<>(globals);
        properties.putAll(resource.properties());
        return new FunctionSpec(logicalId,
                String.valueOf(properties.get("Handler")),
                templateDirectory.resolve(String.valueOf(properties.get("CodeUri"))).normalize(),
                Integer.parseInt(String.valueOf(properties.getOrDefault("MemorySize", "128"))),
                Integer.parseInt(String.valueOf(properties.getOrDefault("Timeout", "3"))),
                stack.functionEnvironment(logicalId, overrides));
    }

    /** Everything the function's processes printed (all its deployments). */
    public String logs(String logicalId) {
        return log(logicalId).text();
    }

    /** Waits until every line printed so far is in CloudWatch Logs, as a reader a little later would find it. */
    public void flushLogs() {
        shipper.flush(Duration.ofSeconds(30));
    }

    private FunctionLog log(String logicalId) {
        return logs.computeIfAbsent(logicalId, id -> new FunctionLog(line -> echo.accept("[" + id + "] " + line),
                id, logGroup(id), shipper));
    }

    /** The group the function's LoggingConfig names, else Lambda's default {@code /aws/lambda/<function>}. */
    private String logGroup(String logicalId) {
        Map<String, Object> config = SamTemplate.map(stack.template().resourcesOfType(FUNCTION).get(logicalId).property("LoggingConfig"));
        return config.get("LogGroup") instanceof Intrinsic.Ref ref ? stack.resource(ref.name()).ref() : "/aws/lambda/" + logicalId;
    }

    /** Lambda writes a function's logs with the function's role, so the role's logs permissions are checked. */
    private CloudWatchLogsClient logClient(String logicalId) {
        return logClients.computeIfAbsent(logicalId, id -> {
            RoleCredentials role = stack.credentialsFor(id);
            return AwsClients.logs(stack.gatewayEndpoint(),
                    AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken()),
                    ClientOverrideConfiguration.builder().build());
        });
    }

    /**
     * Ends every deployment: the next invocation reads the function's configuration again (a recreated stack has
     * new physical ids, a secret's ARN say) and starts fresh environments, as a redeployment would.
     */
    public void recycle() {
        deployed.values().forEach(LambdaFunction::close);
        deployed.clear();
    }

    @Override
    public void close() {
        deployed.values().forEach(LambdaFunction::close);
        deployed.clear();
        shipper.close();
        logClients.values().forEach(CloudWatchLogsClient::close);
    }
}
