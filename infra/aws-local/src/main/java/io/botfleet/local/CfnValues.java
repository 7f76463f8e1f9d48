package io.botfleet.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics (JSON form, as SAM's translator emits them) to the local stack's values:
 * Ref, Fn::GetAtt, Fn::Sub (with or without a variable map), Fn::Join and Fn::If with the template's conditions.
 * The one place the local stack turns a template's values into its own: functions' environments and IAM policies.
 */
public final class CfnValues {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, PhysicalResource> resources;
    private final Map<String, String> parameters;
    private final JsonNode conditions;

    public CfnValues(Map<String, PhysicalResource> resources, Map<String, String> parameters, JsonNode conditions) {
        this.resources = resources;
        this.parameters = parameters;
        this.conditions = conditions;
    }

    /** A value that may be a list (a policy's Resource or Action): every element, AWS::NoValue left out. */
    public List<String> strings(JsonNode value) {
        JsonNode resolved = value.isObject() && value.has("Fn::If") ? chosen(value.get("Fn::If")) : value;
        List<String> out = new ArrayList<>();
        if (resolved == null || isNoValue(resolved)) {
            return out;
        }
        if (resolved.isArray()) {
            resolved.forEach(element -> out.addAll(strings(element)));
        } else {
            out.add(string(resolved));
        }
        return out;
    }

    public String string(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (!value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException("cannot resolve " + value);
        }
        String function = value.fieldNames().next();
        JsonNode argument = value.get(function);
        return switch (function) {
            case "Ref" -> ref(argument.asText());
            case "Fn::GetAtt" -> argument.isArray()
                    ? attribute(argument.get(0).asText(), argument.get(1).asText())
                    : attribute(argument.asText().substring(0, argument.asText().indexOf('.')),
                            argument.asText().substring(argument.asText().indexOf('.') + 1));
            case "Fn::Sub" -> argument.isArray() ? substitute(argument.get(0).asText(), argument.get(1)) : substitute(argument.asText(), null);
            case "Fn::Join" -> String.join(argument.get(0).asText(), strings(argument.get(1)));
            case "Fn::If" -> string(chosen(argument));
            default -> throw new IllegalArgumentException(function + " is not supported by the local stack: " + value);
        };
    }

    private JsonNode chosen(JsonNode ifArguments) {
        return condition(ifArguments.get(0).asText()) ? ifArguments.get(1) : ifArguments.get(2);
    }

    public boolean condition(String name) {
        JsonNode definition = conditions == null ? null : conditions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(JsonNode expression) {
        String function = expression.fieldNames().next();
        JsonNode argument = expression.get(function);
        return switch (function) {
            case "Fn::Equals" -> string(argument.get(0)).equals(string(argument.get(1)));
            case "Fn::Not" -> !truth(argument.get(0));
            case "Fn::And" -> all(argument, true);
            case "Fn::Or" -> !all(argument, false);
            case "Condition" -> condition(argument.asText());
            default -> throw new IllegalArgumentException(function + " is not supported in conditions: " + expression);
        };
    }

    /** And: every operand is true; called with {@code expected=false} it answers "no operand is true" for Or. */
    private boolean all(JsonNode operands, boolean expected) {
        for (JsonNode operand : operands) {
            if (truth(operand) != expected) {
                return false;
            }
        }
        return true;
    }

    private String substitute(String text, JsonNode variables) {
        Map<String, String> values = new HashMap<>();
        if (variables != null) {
            variables.fields().forEachRemaining(e -> values.put(e.getKey(), string(e.getValue())));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (values.containsKey(name)) {
                replacement = values.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            } else {
                replacement = ref(name);
            }
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
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return physical(name).ref();
    }

    private String attribute(String resource, String name) {
        return physical(resource).attribute(name);
    }

    private PhysicalResource physical(String logicalId) {
        PhysicalResource r = resources.get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("policy refers to " + logicalId + ", which the local stack did not create");
        }
        return r;
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && "AWS::NoValue".equals(value.path("Ref").asText(null));
    }
}
