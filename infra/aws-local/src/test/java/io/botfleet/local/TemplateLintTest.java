package io.botfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A broken template fails the build: cfn-lint checks property names, references, enums and FIFO redrive pairs, in
 * template.yaml and in the GitHub deploy role's template beside it.
 */
class TemplateLintTest {

    @Test
    void templatePassesCfnLint() throws Exception {
        lint(SamTemplate.locate());
    }

    @Test
    void theDeployRoleTemplatePassesCfnLint() throws Exception {
        lint(SamTemplate.locate().resolveSibling("infra/deploy-role.yaml"));
    }

    private static void lint(Path template) throws Exception {
        Process lint = new ProcessBuilder("cfn-lint", template.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
