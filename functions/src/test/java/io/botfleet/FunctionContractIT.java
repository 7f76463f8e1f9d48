package io.botfleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.LocalLambda;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@LocalAws
class FunctionContractIT {

    @Test
    void smoke(LocalAwsStack stack) throws Exception {
        try (LocalLambda lambda = new LocalLambda(stack, Path.of("../").toAbsolutePath().normalize(), 1, System.out::println)) {
            byte[] event = Files.readAllBytes(Path.of("../infra/events/sqs-send-batch.json"));
            Invocation result = lambda.function("SenderFunction").invoke(event);
            System.out.println("RESULT " + result.functionError() + " " + result.payloadText());
            byte[] web = Files.readAllBytes(Path.of("../infra/events/webhook-message.json"));
            Invocation w = lambda.function("WebhookFunction").invoke(web);
            System.out.println("RESULT " + w.functionError() + " " + w.payloadText());
            assertThat(result).isNotNull();
        }
    }
}
