package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflows, read as GitHub reads them (no actionlint here): well-formed jobs and steps, CI running the
 * README's test command and cfn-lint, deploys that get AWS credentials only from the OIDC role of a protected
 * environment and deploy the samconfig.toml sections that exist.
 */
class GithubWorkflowsTest {
    private static Path root;
    private static final Map<String, Map<String, Object>> workflows = new LinkedHashMap<>();

    @BeforeAll
    static void readWorkflows() throws IOException {
        root = SamTemplate.locate().getParent();
        try (Stream<Path> files = Files.list(root.resolve(".github/workflows"))) {
            for (Path file : files.sorted().toList()) {
                assertThat(file.getFileName().toString()).endsWith(".yml");
                workflows.put(file.getFileName().toString(), map(new Yaml().load(Files.readString(file))));
            }
        }
        assertThat(workflows).containsKeys("ci.yml", "deploy.yml", "deploy-environment.yml");
    }

    /** {@code on:}, which YAML 1.1 (SnakeYAML) reads as the boolean true. */
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        return map(on);
    }

    private static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        List<Map<String, Object>> steps = new ArrayList<>();
        map(workflow.get("jobs")).values().forEach(job -> list(map(job).get("steps")).forEach(step -> steps.add(map(step))));
        return steps;
    }

    private static String run(Map<String, Object> workflow) {
        return String.join("\n", steps(workflow).stream().map(s -> String.valueOf(s.getOrDefault("run", ""))).toList());
    }

    @Test
    void everyJobRunsSomewhereOrCallsAWorkflowAndEveryStepDoesOneThing() {
        workflows.forEach((name, workflow) -> {
            assertThat(workflow.get("name")).as(name).isNotNull();
            assertThat(triggers(workflow)).as(name + " triggers").isNotEmpty();
            assertThat(map(workflow.get("jobs"))).as(name + " jobs").isNotEmpty().allSatisfy((id, body) -> {
                Map<String, Object> job = map(body);
                if (job.containsKey("uses")) {
                    String called = String.valueOf(job.get("uses"));
                    assertThat(called).as(name + " " + id).startsWith("./.github/workflows/");
                    Map<String, Object> target = workflows.get(called.substring("./.github/workflows/".length()));
                    assertThat(target).as(name + " calls " + called).isNotNull();
                    assertThat(triggers(target)).as(called + " is callable").containsKey("workflow_call");
                } else {
                    assertThat(job).as(name + " " + id).containsKey("runs-on");
                    assertThat(list(job.get("steps"))).as(name + " " + id + " steps").isNotEmpty().allSatisfy(s -> {
                        Map<String, Object> step = map(s);
                        assertThat(step.containsKey("uses") ^ step.containsKey("run")).as(name + " step " + step).isTrue();
                        if (step.containsKey("uses")) {
                            assertThat(String.valueOf(step.get("uses"))).as("actions are pinned to a version").matches("[\\w.-]+/[\\w./-]+@v\\d+");
                        }
                    });
                }
            });
        });
    }

    @Test
    void ciRunsTheReadmesTestCommandAndLintsBothTemplatesOnEveryPushAndPullRequest() throws IOException {
        Map<String, Object> ci = workflows.get("ci.yml");
        assertThat(triggers(ci)).containsKeys("push", "pull_request");
        String readme = Files.readString(root.resolve("README.md"));
        Matcher command = Pattern.compile("\\n(\\./botfleet test)\\s").matcher(readme);
        assertThat(command.find()).as("README's test command").isTrue();
        assertThat(run(ci)).contains(command.group(1)).contains("cfn-lint template.yaml infra/deploy-role.yaml");
        assertThat(Files.readString(root.resolve(".ci/run"))).contains(command.group(1));
        List<Map<String, Object>> setups = steps(ci).stream().filter(s -> s.containsKey("with")).toList();
        assertThat(setups).anySatisfy(s -> {
            assertThat(String.valueOf(s.get("uses"))).startsWith("actions/setup-java@");
            assertThat(map(s.get("with"))).containsEntry("cache", "maven");
            assertThat(String.valueOf(map(s.get("with")).get("java-version"))).contains("21");
        });
        assertThat(setups).anySatisfy(s -> {
            assertThat(String.valueOf(s.get("uses"))).startsWith("actions/setup-node@");
            assertThat(map(s.get("with"))).containsEntry("cache", "npm").containsEntry("node-version", 20);
        });
        assertThat(run(ci)).contains("moto[server]").contains("chromium");
    }

    @Test
    void deploysAssumeTheEnvironmentsRoleThroughOidcAndNeverUseStoredKeys() throws IOException {
        for (String name : List.of("deploy.yml", "deploy-environment.yml")) {
            String text = Files.readString(root.resolve(".github/workflows").resolve(name));
            assertThat(text.toLowerCase(java.util.Locale.ROOT)).as(name)
                    .doesNotContain("aws-access-key-id").doesNotContain("aws-secret-access-key").doesNotContain("secrets.");
        }
        Map<String, Object> deploy = workflows.get("deploy-environment.yml");
        assertThat(map(deploy.get("permissions"))).containsEntry("id-token", "write");
        Map<String, Object> job = map(map(deploy.get("jobs")).get("deploy"));
        assertThat(job.get("environment")).isEqualTo("${{ inputs.environment }}");
        assertThat(steps(deploy)).anySatisfy(step -> {
            assertThat(String.valueOf(step.get("uses"))).startsWith("aws-actions/configure-aws-credentials@");
            assertThat(map(step.get("with"))).containsEntry("role-to-assume", "${{ vars.AWS_DEPLOY_ROLE_ARN }}");
        });
        assertThat(run(deploy)).contains("sam build").contains("sam deploy --config-env \"${{ inputs.config-env }}\"")
                .contains("--role-arn");

        // the caller deploys staging and production, each to the samconfig.toml section of its name
        Map<String, Object> caller = workflows.get("deploy.yml");
        assertThat(triggers(caller)).containsKeys("workflow_dispatch", "push");
        Set<String> sections = new TreeSet<>();
        Matcher section = Pattern.compile("(?m)^\\[(\\w+)\\.deploy\\.parameters]").matcher(Files.readString(root.resolve("samconfig.toml")));
        while (section.find()) {
            sections.add(section.group(1));
        }
        Set<String> environments = new TreeSet<>();
        map(caller.get("jobs")).values().forEach(body -> {
            Map<String, Object> with = map(map(body).get("with"));
            assertThat(sections).contains(String.valueOf(with.get("config-env")));
            assertThat(map(map(body).get("permissions"))).containsEntry("id-token", "write");
            environments.add(String.valueOf(with.get("environment")));
        });
        assertThat(environments).containsExactly("production", "staging");
        // the role trusts exactly those environments of the repository
        String role = Files.readString(root.resolve("infra/deploy-role.yaml"));
        environments.forEach(env -> assertThat(role).contains("repo:${GitHubRepository}:environment:" + env + "\""));
    }
}
