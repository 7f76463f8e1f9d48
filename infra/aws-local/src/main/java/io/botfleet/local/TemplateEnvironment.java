package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a function gets, computed from template.yaml (Globals plus the function's own) the
 * way CloudFormation would, with local values for resources, parameters and pseudo parameters.
 */
public final class TemplateEnvironment {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final SamTemplate template;
    private final Map<String, PhysicalResource> resources;
    private final Map<String, String> parameters;
    private final Map<String, String> overrides;

    /**
     * @param overrides values that replace what the template would give, by variable name (e.g. PUBLIC_BASE_URL
     *                  becomes the local runner's URL instead of an execute-api host)
     */
    public TemplateEnvironment(SamTemplate template, Map<String, PhysicalResource> resources,
                               Map<String, String> parameterOverrides, Map<String, String> overrides) {
        this.template = template;
        this.resources = resources;
        this.parameters = new LinkedHashMap<>(template.parameterDefaults());
        this.parameters.putAll(parameterOverrides);
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
            case Intrinsic.Ref ref -> ref(ref.name());
            case Intrinsic.GetAtt att -> physical(att.resource()).attribute(att.attribute());
            case Intrinsic.Sub sub -> substitute(sub.template());
            case Intrinsic.Other other -> throw new IllegalArgumentException(
                    "!" + other.tag() + " is not supported in function environments by the local stack");
            default -> String.valueOf(value);
        };
    }

    private String substitute(String text) {
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            int dot = name.indexOf('.');
            String replacement = dot > 0 && !name.startsWith("AWS::")
                    ? physical(name.substring(0, dot)).attribute(name.substring(dot + 1))
                    : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String ref(String name) {
        String pseudo = PseudoParameters.value(name);
        if (pseudo != null) {
            return pseudo;
        }
        return parameters.containsKey(name) ? parameters.get(name) : physical(name).ref();
    }

    private PhysicalResource physical(String logicalId) {
        PhysicalResource r = resources.get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("template.yaml refers to unknown resource " + logicalId);
        }
        return r;
    }
}
