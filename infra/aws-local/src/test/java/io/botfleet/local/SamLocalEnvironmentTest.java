package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/env.json, for `sam local invoke --env-vars`: SAM CLI silently ignores a variable the template does not
 * declare and leaves a declared one it is not given at the template's value (an execute-api URL, an empty
 * endpoint), so each function's entry must name exactly the variables template.yaml gives it.
 */
class SamLocalEnvironmentTest {

    @Test
    void everyFunctionHasAnEntryWithExactlyTheTemplatesVariables() throws IOException {
        Path templateFile = SamTemplate.locate();
        SamTemplate template = SamTemplate.load(templateFile);
        Map<String, Object> envJson = new Yaml().load(Files.readString(templateFile.resolveSibling("infra/env.json")));
        Map<String, SamTemplate.Resource> functions = template.resourcesOfType("AWS::Serverless::Function");

        assertThat(envJson.keySet()).isEqualTo(functions.keySet());
        Set<String> globals = map(map(template.functionGlobals().get("Environment")).get("Variables")).keySet();
        functions.forEach((id, function) -> {
            Set<String> declared = new TreeSet<>(globals);
            declared.addAll(map(map(function.property("Environment")).get("Variables")).keySet());
            assertThat(new TreeSet<>(map(envJson.get(id)).keySet())).as(id).isEqualTo(declared);
        });
        assertThat(map(envJson.get("WebhookFunction")).get("AWS_ENDPOINT_URL")).asString().startsWith("http://");
    }
}
