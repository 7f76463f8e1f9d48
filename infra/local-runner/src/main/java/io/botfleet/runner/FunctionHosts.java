package io.botfleet.runner;

import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.FunctionCatalog;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.shared.config.Env;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds every function template.yaml declares from {@link FunctionCatalog}, each with the environment the
 * template gives it. A function the catalog does not know is an error: the template and the code must agree.
 */
public final class FunctionHosts {
    static final String SPRING_INVOKER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    public static final String FUNCTION = "AWS::Serverless::Function";

    private FunctionHosts() {}

    public static Map<String, HostedFunction> build(LocalAwsStack stack, Map<String, String> overrides) {
        SamTemplate template = stack.template();
        Map<String, Object> globals = template.functionGlobals();
        Map<String, HostedFunction> hosted = new LinkedHashMap<>();
        template.resourcesOfType(FUNCTION).forEach((id, resource) -> {
            Env env = new Env(stack.functionEnvironment(id, overrides));
            String handler = String.valueOf(resource.properties().getOrDefault("Handler", globals.get("Handler")));
            FunctionCatalog.SpringFunction spring = handler.equals(SPRING_INVOKER) ? springFunction(id, env) : null;
            Object instance = spring != null ? spring.factory().apply(env) : streamHandler(id, handler, env);
            hosted.put(id, new HostedFunction(id, instance, spring == null ? null : spring.input(),
                    intProperty(resource.properties(), globals, "MemorySize", 1024),
                    intProperty(resource.properties(), globals, "Timeout", 30)));
        });
        return hosted;
    }

    private static FunctionCatalog.SpringFunction springFunction(String id, Env env) {
        String definition = env.required("SPRING_CLOUD_FUNCTION_DEFINITION");
        return FunctionCatalog.springFunctions().stream()
                .filter(f -> f.name().equals(definition))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(id + ": no Spring function '" + definition + "' in FunctionCatalog"));
    }

    private static Object streamHandler(String id, String handler, Env env) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Function<Env, ?> factory = FunctionCatalog.streamHandlers().get(className);
        if (factory == null) {
            throw new IllegalStateException(id + ": handler " + className + " is not in FunctionCatalog.streamHandlers()");
        }
        return factory.apply(env);
    }

    private static int intProperty(Map<String, Object> props, Map<String, Object> globals, String name, int fallback) {
        Object value = props.getOrDefault(name, globals.get(name));
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }

    /** The events of one function in the template, by name. */
    static Map<String, Object> events(SamTemplate template, String functionId) {
        return map(template.resources().get(functionId).property("Events"));
    }
}
