package io.botfleet.local.gateway;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.PseudoParameters;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements the gateway enforces are SAM's expansion of each function's Policies: every policy template
 * (DynamoDBCrudPolicy, SQSSendMessagePolicy, ...) as aws-sam-translator's own policy_templates.json defines it,
 * every inline statement as written, and the managed policies SAM attaches, in that order.
 */
@LocalAws
class SamExpansionTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final String MANAGED = "arn:aws:iam::aws:policy/";

    private static JsonNode policyTemplates;

    /** A statement reduced to what authorization depends on. */
    record Expected(String policy, boolean allow, List<String> actions, List<String> resources) {}

    @BeforeAll
    static void loadSamsPolicyTemplates() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", "import os, samtranslator; print(open(os.path.join("
                + "os.path.dirname(samtranslator.__file__), 'policy_templates_data', 'policy_templates.json')).read())")
                .redirectErrorStream(true).start();
        byte[] output = python.getInputStream().readAllBytes();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        policyTemplates = new ObjectMapper().readTree(output).path("Templates");
        assertThat(policyTemplates.has("DynamoDBCrudPolicy")).isTrue();
    }

    @Test
    void everyFunctionsEnforcedStatementsAreSamsExpansion(LocalAwsStack stack) {
        var functions = stack.template().resourcesOfType("AWS::Serverless::Function");
        assertThat(stack.iamPolicies().functions()).containsExactlyInAnyOrderElementsOf(functions.keySet());
        functions.forEach((function, resource) -> {
            List<Expected> expected = new ArrayList<>();
            List<Object> policies = list(resource.property("Policies"));
            for (int i = 0; i < policies.size(); i++) {
                expected.addAll(expand(stack, function + "RolePolicy" + i, map(policies.get(i))));
            }
            Map<String, Object> events = map(resource.property("Events"));
            // a stream event source's on-failure queue: SAM grants the function's role the send, in a policy of its own
            events.forEach((name, e) -> {
                Map<String, Object> onFailure = map(map(map(map(e).get("Properties")).get("DestinationConfig")).get("OnFailure"));
                if ("SQS".equals(onFailure.get("Type"))) {
                    expected.add(new Expected(function + name + "SQSPolicy", true, List.of("sqs:SendMessage"),
                            List.of(yamlValue(stack, onFailure.get("Destination")))));
                }
            });
            expected.add(managed("service-role/AWSLambdaBasicExecutionRole"));
            expected.add(managed("AWSXrayWriteOnlyAccess")); // Tracing: Active in Globals
            if (events.values().stream().anyMatch(e -> "SQS".equals(map(e).get("Type")))) {
                expected.add(managed("service-role/AWSLambdaSQSQueueExecutionRole"));
            }
            if (events.values().stream().anyMatch(e -> "DynamoDB".equals(map(e).get("Type")))) {
                expected.add(managed("service-role/AWSLambdaDynamoDBExecutionRole"));
            }

            List<Expected> enforced = stack.iamPolicies().role(function).statements().stream()
                    .map(s -> new Expected(s.policy(), s.allow(), s.actionTexts(), s.resourceTexts()))
                    .toList();
            assertThat(enforced).as(function).containsExactlyElementsOf(expected);
        });
    }

    @Test
    void managedPoliciesCarryTheirPublishedActions(LocalAwsStack stack) {
        assertThat(stack.iamPolicies().evaluate("SenderFunction", "sqs:ReceiveMessage",
                stack.resource("SendQueue").attribute("Arn")).allowed()).isTrue();
        assertThat(stack.iamPolicies().evaluate("WebhookFunction", "sqs:ReceiveMessage",
                stack.resource("EventsQueue").attribute("Arn")).allowed()).isFalse();
    }

    private static List<Expected> expand(LocalAwsStack stack, String policyName, Map<String, Object> policy) {
        List<Expected> out = new ArrayList<>();
        if (policy.containsKey("Statement")) {
            for (Object s : list(policy.get("Statement"))) {
                Map<String, Object> statement = map(s);
                out.add(new Expected(policyName, "Allow".equals(statement.get("Effect")),
                        strings(statement.get("Action")).stream().map(String::valueOf).toList(),
                        strings(statement.get("Resource")).stream().map(r -> yamlValue(stack, r)).toList()));
            }
            return out;
        }
        assertThat(policy).as(policyName + " is one policy template").hasSize(1);
        var entry = policy.entrySet().iterator().next();
        JsonNode definition = policyTemplates.path(entry.getKey()).path("Definition");
        assertThat(definition.isMissingNode()).as(entry.getKey() + " is a SAM policy template").isFalse();
        Map<String, Object> parameters = map(entry.getValue());
        for (JsonNode statement : definition.path("Statement")) {
            List<String> actions = new ArrayList<>();
            nodes(statement.path("Action")).forEach(a -> actions.add(a.asText()));
            List<String> resources = new ArrayList<>();
            nodes(statement.path("Resource")).forEach(r -> resources.add(sub(stack, r.path("Fn::Sub"), parameters)));
            out.add(new Expected(policyName, statement.path("Effect").asText().equals("Allow"), actions, resources));
        }
        return out;
    }

    /** A policy template's {@code Fn::Sub [text, {var: {Ref: Parameter}}]}, with the template's parameter values. */
    private static String sub(LocalAwsStack stack, JsonNode sub, Map<String, Object> parameters) {
        Matcher m = SUB_VARIABLE.matcher(sub.get(0).asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String pseudo = PseudoParameters.value(name);
            String value = pseudo != null ? pseudo
                    : yamlValue(stack, parameters.get(sub.get(1).path(name).path("Ref").asText()));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String yamlValue(LocalAwsStack stack, Object value) {
        return switch (value) {
            case Intrinsic.Ref ref -> stack.resource(ref.name()).ref();
            case Intrinsic.GetAtt att -> stack.resource(att.resource()).attribute(att.attribute());
            case Intrinsic.Sub sub -> SUB_VARIABLE.matcher(sub.template()).replaceAll(m -> {
                String[] name = m.group(1).split("\\.", 2);
                if (name.length == 2) {
                    return Matcher.quoteReplacement(stack.resource(name[0]).attribute(name[1]));
                }
                String known = PseudoParameters.value(name[0]) != null ? PseudoParameters.value(name[0])
                        : stack.template().parameterDefaults().get(name[0]);
                return Matcher.quoteReplacement(known != null ? known : stack.resource(name[0]).ref());
            });
            default -> String.valueOf(value);
        };
    }

    private static List<Object> strings(Object value) {
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    private static Iterable<JsonNode> nodes(JsonNode node) {
        return node.isArray() ? node : List.of(node);
    }

    private static Expected managed(String name) {
        Statement s = ManagedPolicies.statement(MANAGED + name);
        return new Expected(s.policy(), true, s.actionTexts(), s.resourceTexts());
    }
}
