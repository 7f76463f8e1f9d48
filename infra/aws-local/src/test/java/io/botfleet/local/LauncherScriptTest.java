package io.botfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code botfleet} launcher is the README's every command, CI's included: a syntax error in any of its cases
 * (two branches adding commands once merged into one without its {@code ;;}) would break all of them.
 */
class LauncherScriptTest {

    @Test
    void theLauncherParsesAndNamesEveryCommandInItsUsage() throws Exception {
        Path root = SamTemplate.locate().getParent();
        Process check = new ProcessBuilder("bash", "-n", root.resolve("botfleet").toString()).redirectErrorStream(true).start();
        String complaints = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(complaints).isZero();

        String script = java.nio.file.Files.readString(root.resolve("botfleet"));
        for (String command : new String[] {"run", "test", "bench", "archive", "dead-letters", "redrive", "export", "import"}) {
            assertThat(script).as(command).containsPattern("\\n  [a-z|-]*\\b" + command + "\\b[a-z|-]*\\)\\n");
            assertThat(script).as(command + " in the usage").contains("./botfleet " + command);
        }
    }
}
