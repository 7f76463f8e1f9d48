package io.botfleet.local.lambda;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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

    private FunctionLog log(String logicalId) {
        return logs.computeIfAbsent(logicalId, id -> new FunctionLog(line -> echo.accept("[" + id + "] " + line)));
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
    }
}
