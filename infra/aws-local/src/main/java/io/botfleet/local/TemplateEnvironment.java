package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a function gets, computed from template.yaml (Globals plus the function's own) the
 * way CloudFormation would, with local values for resources, parameters and pseudo parameters.
 */
public final class TemplateEnvironment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template;
    private final CfnValues values;
    private final Map<String, String> overrides;

    /**
     * @param overrides values that replace what the template would give, by variable name (e.g. PUBLIC_BASE_URL
     *                  becomes the local runner's URL instead of an execute-api host)
     */
    public TemplateEnvironment(SamTemplate template, Map<String, PhysicalResource> resources,
                               Map<String, String> parameterOverrides, Map<String, String> overrides) {
        this.template = template;
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        parameters.putAll(parameterOverrides);
        this.values = new CfnValues(resources, parameters, null);
        this.overrides = overrides;
    }

    public Map<String, String> forFunction(String functionLogicalId) {
        Map<String, String> env = new LinkedHashMap<>();
        putAll(env, map(map(template.functionGlobals().get("Environment")).get("Variables")));
        var function = template.resources().get(functionLogicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + " in template.yaml");
        }
        putAll(env, map(map(function.property("Environment")).get("Variables")));
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionLogicalId);
        env.putAll(overrides);
        return env;
    }

    private void putAll(Map<String, String> env, Map<String, Object> variables) {
        variables.forEach((name, value) -> env.put(name, resolve(value)));
    }

    public String resolve(Object value) {
        return switch (value) {
            case null -> "";
            case Intrinsic.Ref ref -> values.string(JSON.createObjectNode().put("Ref", ref.name()));
            case Intrinsic.GetAtt att -> values.string(JSON.createObjectNode().put("Fn::GetAtt", att.resource() + "." + att.attribute()));
            case Intrinsic.Sub sub -> values.string(JSON.createObjectNode().put("Fn::Sub", sub.template()));
            case Intrinsic.Other other -> throw new IllegalArgumentException(
                    "!" + other.tag() + " is not supported in function environments by the local stack");
            default -> String.valueOf(value);
        };
    }
}
