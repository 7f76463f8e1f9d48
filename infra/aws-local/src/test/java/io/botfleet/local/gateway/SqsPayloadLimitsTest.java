package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** SQS's 256 KiB limit (body plus attributes; a batch's sum), which ElasticMQ alone does not enforce. */
@LocalAws
class SqsPayloadLimitsTest {
    private static final int LIMIT = 262_144;

    @Test
    void aMessageOfExactlyTheLimitIsAccepted(LocalAwsStack stack) {
        String url = stack.resource("EventsQueue").ref();
        stack.clients().sqs().sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(LIMIT)));

        assertThat(stack.clients().sqs().receiveMessage(b -> b.queueUrl(url)).messages().getFirst().body()).hasSize(LIMIT);
    }

    @Test
    void attributesCountTowardsTheLimit(LocalAwsStack stack) {
        // 262,140 + "k" + "String" + "v" = 262,148 bytes
        MessageAttributeValue value = MessageAttributeValue.builder().dataType("String").stringValue("v").build();
        assertThatThrownBy(() -> stack.clients().sqs().sendMessage(b -> b.queueUrl(stack.resource("EventsQueue").ref())
                .messageBody("x".repeat(LIMIT - 4)).messageAttributes(Map.of("k", value))))
                .asInstanceOf(type(SqsException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.");
                });
    }

    @Test
    void aBatchOverTheLimitInTotalIsRejectedWhole(LocalAwsStack stack) {
        String url = stack.resource("EventsQueue").ref();
        assertThatThrownBy(() -> stack.clients().sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("x".repeat(LIMIT / 2)).build(),
                SendMessageBatchRequestEntry.builder().id("2").messageBody("y".repeat(LIMIT / 2 + 1)).build())))
                .isInstanceOf(BatchRequestTooLongException.class)
                .hasMessageContaining("You have sent 262145 bytes");
    }
}
