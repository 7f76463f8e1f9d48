package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Each function may do what its SAM-generated role allows and nothing else, and hears AWS's own refusals. */
@LocalAws
class IamEnforcementTest {
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/";

    private static AwsClients webhook;
    private static AwsClients sender;
    private static AwsClients planner;

    @BeforeAll
    static void clients(LocalAwsStack stack) {
        webhook = Sdk.as(stack, "WebhookFunction");
        sender = Sdk.as(stack, "SenderFunction");
        planner = Sdk.as(stack, "PlannerFunction");
    }

    @AfterAll
    static void close() {
        webhook.close();
        sender.close();
        planner.close();
    }

    private static Map<String, AttributeValue> item(String... keyValues) {
        var item = new java.util.LinkedHashMap<String, AttributeValue>();
        for (int i = 0; i < keyValues.length; i += 2) {
            item.put(keyValues[i], AttributeValue.fromS(keyValues[i + 1]));
        }
        return item;
    }

    @Test
    void webhookWritesSubscribersButNotAccounts(LocalAwsStack stack) {
        webhook.dynamoDb().putItem(b -> b.tableName("SubscribersTable").item(item("botId", "b1", "chatId", "c1")));

        assertThatThrownBy(() -> webhook.dynamoDb().putItem(b -> b.tableName("AccountsTable").item(item("pk", "a", "sk", "a"))))
                .asInstanceOf(type(DynamoDbException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::123456789012:assumed-role/"
                            + "WebhookFunctionRole/WebhookFunction is not authorized to perform: dynamodb:PutItem on resource: "
                            + TABLE_ARN + "AccountsTable because no identity-based policy allows the dynamodb:PutItem action");
                });
        assertThat(stack.clients().dynamoDb().scan(b -> b.tableName("AccountsTable")).count()).isZero();
    }

    @Test
    void readPolicyCoversIndexesButNotWrites() {
        planner.dynamoDb().query(b -> b.tableName("SubscribersTable").indexName("byStatus")
                .keyConditionExpression("statusKey = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("b1#active"))));

        assertThatThrownBy(() -> planner.dynamoDb().putItem(b -> b.tableName("SubscribersTable").item(item("botId", "b", "chatId", "c"))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("dynamodb:PutItem");
        assertThatThrownBy(() -> webhook.dynamoDb().query(b -> b.tableName("AccountsTable").indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("dynamodb:Query on resource: " + TABLE_ARN + "AccountsTable/index/gsi1");
    }

    @Test
    void transactionItemsAuthorizeAsTheirOwnActions() {
        // the webhook's fence: ConditionCheckItem on the bots table is granted, writing it is not
        webhook.dynamoDb().transactWriteItems(b -> b.transactItems(
                t -> t.conditionCheck(c -> c.tableName("BotsTable").key(item("pk", "bot#1", "sk", "lease"))
                        .conditionExpression("attribute_not_exists(pk)")),
                t -> t.put(p -> p.tableName("SubscribersTable").item(item("botId", "b1", "chatId", "tx")))));

        assertThatThrownBy(() -> webhook.dynamoDb().transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName("BotsTable").item(item("pk", "bot#1", "sk", "lease"))),
                t -> t.put(p -> p.tableName("SubscribersTable").item(item("botId", "b1", "chatId", "tx2"))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("dynamodb:PutItem on resource: " + TABLE_ARN + "BotsTable");
    }

    @Test
    void sqsSendIsLimitedToTheGrantedQueueAndDeniedAsAccessDenied(LocalAwsStack stack) {
        try (AwsClients planner = Sdk.as(stack, "PlannerFunction")) {
            planner.sqs().sendMessage(b -> b.queueUrl(stack.resource("SendQueue").ref()).messageBody("{}")
                    .messageGroupId("bot").messageDeduplicationId("batch"));

            assertThatThrownBy(() -> planner.sqs().sendMessage(b -> b.queueUrl(stack.resource("CampaignStartQueue").ref()).messageBody("{}")))
                .asInstanceOf(type(SqsException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:CampaignStartQueue");
                    });
        }
    }

    @Test
    void secretIsReadableByNameOrArnButNotDescribable(LocalAwsStack stack) {
        assertThat(sender.secrets().getSecretValue(b -> b.secretId("PlatformSecret")).secretString()).contains("seed");
        assertThat(sender.secrets().getSecretValue(b -> b.secretId(stack.resource("PlatformSecret").ref())).secretString()).contains("seed");

        assertThatThrownBy(() -> sender.secrets().describeSecret(b -> b.secretId("PlatformSecret")))
                .asInstanceOf(type(SecretsManagerException.class))
                .satisfies(e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("secretsmanager:DescribeSecret on resource: " + stack.resource("PlatformSecret").ref());
                });
    }

    @Test
    void theApiMayListTheBucketForItsHealthCheckButNoFunctionTouchesObjects(LocalAwsStack stack) {
        String bucket = stack.resource("MediaBucket").ref();
        stack.clients().s3().putObject(b -> b.bucket(bucket).key("media/a b.jpg"), RequestBody.fromString("jpeg"));
        try (AwsClients api = Sdk.as(stack, "ApiFunction")) {
            assertThat(api.s3().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(1);
            assertThatThrownBy(() -> api.s3().putObject(b -> b.bucket(bucket).key("media/new.jpg"), RequestBody.fromString("x")))
                    .asInstanceOf(type(S3Exception.class))
                    .satisfies(e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("s3:PutObject on resource: arn:aws:s3:::" + bucket + "/media/new.jpg");
                    });
        }
        assertThatThrownBy(() -> sender.s3().getObject(b -> b.bucket(bucket).key("media/a b.jpg")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("s3:GetObject");
        assertThatThrownBy(() -> webhook.s3().getObject(b -> b.bucket(bucket).key("media/a b.jpg")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("s3:GetObject");
    }

    @Test
    void unknownKeysAndWrongSessionTokensAreUnrecognized(LocalAwsStack stack) {
        try (AwsClients stranger = Sdk.with(stack, AwsBasicCredentials.create("AKIDUNKNOWN", "x"))) {
            assertThatThrownBy(() -> stranger.dynamoDb().listTables())
                    .asInstanceOf(type(AwsServiceException.class))
                    .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            assertThatThrownBy(() -> stranger.sqs().listQueues())
                    .asInstanceOf(type(AwsServiceException.class))
                    .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        RoleCredentials webhookRole = stack.credentialsFor("WebhookFunction");
        try (AwsClients withoutToken = Sdk.with(stack, AwsBasicCredentials.create(webhookRole.accessKeyId(), webhookRole.secretAccessKey()))) {
            assertThatThrownBy(() -> withoutToken.dynamoDb().describeTable(b -> b.tableName("SubscribersTable")))
                    .asInstanceOf(type(AwsServiceException.class))
                    .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void adminKeyIsAllowedEverything(LocalAwsStack stack) {
        stack.clients().dynamoDb().putItem(b -> b.tableName("AccountsTable").item(item("pk", "admin", "sk", "admin")));
        stack.clients().sqs().sendMessage(b -> b.queueUrl(stack.resource("CampaignStartQueue").ref()).messageBody("{}"));
        assertThat(stack.clients().secrets().describeSecret(b -> b.secretId("PlatformSecret")).arn())
                .isEqualTo(stack.resource("PlatformSecret").ref());
        stack.clients().dynamoDb().deleteItem(b -> b.tableName("AccountsTable").key(item("pk", "admin", "sk", "admin")));
    }

    @Test
    void functionEnvironmentCarriesTheGatewayAndTheRoleCredentials(LocalAwsStack stack) {
        Map<String, String> env = stack.functionEnvironment("SenderFunction", Map.of("AWS_ENDPOINT_URL_SQS", "http://elsewhere"));
        RoleCredentials role = stack.credentialsFor("SenderFunction");

        assertThat(env).containsEntry("AWS_ENDPOINT_URL", stack.gatewayEndpoint().toString())
                .containsEntry("AWS_ENDPOINT_URL_SQS", "http://elsewhere")
                .containsEntry("AWS_ACCESS_KEY_ID", role.accessKeyId())
                .containsEntry("AWS_SECRET_ACCESS_KEY", role.secretAccessKey())
                .containsEntry("AWS_SESSION_TOKEN", role.sessionToken());
        assertThat(role.accessKeyId()).isNotEqualTo(stack.credentialsFor("ApiFunction").accessKeyId());
        assertThat(role.toString()).doesNotContain(role.secretAccessKey()).doesNotContain(role.sessionToken());
    }

    @Test
    void credentialsAndPoliciesSurviveAResetThatRecreatesTheSecret(LocalAwsStack stack) {
        RoleCredentials before = stack.credentialsFor("HeartbeatFunction");
        String secretBefore = stack.resource("PlatformSecret").ref();
        stack.reset();

        assertThat(stack.credentialsFor("HeartbeatFunction")).isEqualTo(before);
        String secretAfter = stack.resource("PlatformSecret").ref();
        try (AwsClients heartbeat = Sdk.as(stack, "HeartbeatFunction")) {
            assertThat(heartbeat.secrets().getSecretValue(b -> b.secretId(secretAfter)).arn()).isEqualTo(secretAfter);
        }
        assertThat(stack.iamPolicies().evaluate("HeartbeatFunction", "secretsmanager:GetSecretValue", secretAfter).allowed()).isTrue();
        assertThat(stack.iamPolicies().evaluate("HeartbeatFunction", "secretsmanager:GetSecretValue", secretBefore).allowed())
                .isEqualTo(secretBefore.equals(secretAfter));
    }

    @Test
    void reportShowsUsesDenialsAndUnusedGrants(LocalAwsStack stack) {
        webhook.dynamoDb().getItem(b -> b.tableName("EphemeralTable").key(item("pk", "report")));
        assertThatThrownBy(() -> webhook.dynamoDb().deleteItem(b -> b.tableName("AuditTable").key(item("pk", "x", "sk", "y"))))
                .isInstanceOf(DynamoDbException.class);

        IamReport report = stack.iamReport();
        assertThat(report.uses("WebhookFunction"))
                .containsKey(new IamReport.Use("dynamodb:GetItem", TABLE_ARN + "EphemeralTable", true))
                .containsKey(new IamReport.Use("dynamodb:DeleteItem", TABLE_ARN + "AuditTable", false));
        assertThat(report.unusedGrants("WebhookFunction"))
                .contains(new IamReport.Grant("WebhookFunctionRolePolicy0", "dynamodb:BatchWriteItem", TABLE_ARN + "EphemeralTable"))
                .doesNotContain(new IamReport.Grant("WebhookFunctionRolePolicy0", "dynamodb:GetItem", TABLE_ARN + "EphemeralTable"));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("WebhookFunction (role WebhookFunctionRole)")
                .contains("  used     dynamodb:GetItem on " + TABLE_ARN + "EphemeralTable (")
                .contains("  DENIED   dynamodb:DeleteItem on " + TABLE_ARN + "AuditTable (")
                .contains("  unused   dynamodb:BatchWriteItem on " + TABLE_ARN + "EphemeralTable [WebhookFunctionRolePolicy0]");
    }
}
