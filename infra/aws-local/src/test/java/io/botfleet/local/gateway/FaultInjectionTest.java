package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Injected outages answer 500 in the service's own shape, for exactly the calls asked for. */
@LocalAws
class FaultInjectionTest {

    @AfterEach
    void disarm(LocalAwsStack stack) {
        stack.faults().clear();
    }

    @Test
    void theBackupQueueIsUnavailableForTheNextTwoSends(LocalAwsStack stack) {
        stack.faults().failNext("sqs:SendMessage", ":BackupQueue", 2);
        try (AwsClients api = Sdk.as(stack, "ApiFunction")) {
            String backups = stack.resource("BackupQueue").ref();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> api.sqs().sendMessage(b -> b.queueUrl(backups).messageBody("{}")))
                        .asInstanceOf(type(AwsServiceException.class))
                        .satisfies(e -> {
                            assertThat(e.statusCode()).isEqualTo(500);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                        });
            }
            assertThat(stack.faults().pending()).isZero();
            api.sqs().sendMessage(b -> b.queueUrl(backups).messageBody("{}"));
        }
        assertThat(stack.clients().sqs().receiveMessage(b -> b.queueUrl(stack.resource("BackupQueue").ref()).maxNumberOfMessages(10))
                .messages()).hasSize(1);
    }

    @Test
    void theSdksRetriesRideOutAShortOutage(LocalAwsStack stack) {
        stack.faults().failNext("sqs:SendMessage", ":CampaignStartQueue", 1);
        String url = stack.resource("CampaignStartQueue").ref();

        stack.clients().sqs().sendMessage(b -> b.queueUrl(url).messageBody("{}"));

        assertThat(stack.faults().pending()).as("the outage happened").isZero();
        assertThat(stack.clients().sqs().receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
    }

    @Test
    void onlyTheNamedResourceFails(LocalAwsStack stack) {
        stack.faults().failNext("dynamodb:PutItem", "table/BotsTable", 1);
        stack.clients().dynamoDb().putItem(b -> b.tableName("EphemeralTable").item(Map.of("pk", AttributeValue.fromS("ok"))));
        assertThat(stack.faults().pending()).isEqualTo(1);

        try (AwsClients admin = Sdk.with(stack, software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                LocalAwsStack.ACCESS_KEY, LocalAwsStack.SECRET_KEY))) {
            assertThatThrownBy(() -> admin.dynamoDb().putItem(b -> b.tableName("BotsTable")
                    .item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))))
                    .asInstanceOf(type(DynamoDbException.class))
                    .satisfies(e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                    });
            stack.faults().failNext("s3:PutObject", "/media/x.jpg", 1);
            assertThatThrownBy(() -> admin.s3().putObject(b -> b.bucket(stack.resource("MediaBucket").ref()).key("media/x.jpg"),
                    RequestBody.fromString("x")))
                    .asInstanceOf(type(S3Exception.class))
                    .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError"));
        }
    }
}
