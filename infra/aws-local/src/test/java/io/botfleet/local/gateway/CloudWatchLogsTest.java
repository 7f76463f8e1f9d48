package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.CloudWatchLogShipper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;

/**
 * The functions' log groups live in moto's CloudWatch Logs: the Lambda service writes them with each function's role,
 * ApiFunction's role may read them and no other role may, and JSON filter patterns (which moto ignores) select
 * events as CloudWatch Logs does.
 */
@LocalAws
class CloudWatchLogsTest {
    private static AwsClients api;
    private static AwsClients webhook;

    @BeforeAll
    static void clients(LocalAwsStack stack) {
        api = Sdk.as(stack, "ApiFunction");
        webhook = Sdk.as(stack, "WebhookFunction");
    }

    @AfterAll
    static void close() {
        api.close();
        webhook.close();
    }

    @Test
    void shippedLinesAreFilteredByJsonPatternsAndTime(LocalAwsStack stack) {
        long start = System.currentTimeMillis();
        try (CloudWatchLogShipper shipper = new CloudWatchLogShipper(function -> webhook.logs())) {
            CloudWatchLogShipper.Stream stream = CloudWatchLogShipper.newStream("WebhookFunction", "WebhookFunctionLogGroup");
            assertThat(stream.name()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
            shipper.ship(stream, "{\"level\":\"INFO\",\"campaign_id\":\"c1\",\"bot_id\":\"b1\",\"message\":\"one\"}");
            shipper.ship(stream, "{\"level\":\"INFO\",\"campaign_id\":\"c2\",\"bot_id\":\"b1\",\"message\":\"two\"}");
            shipper.ship(stream, "START RequestId: c1 plain text");
            shipper.ship(stream, "{\"Route\":\"GET /api/bots\",\"Latency\":12.5}");
            shipper.flush(Duration.ofSeconds(10));
        }
        long end = System.currentTimeMillis() + 1;

        assertThat(messages("WebhookFunctionLogGroup", start, end, "{ $.campaign_id = \"c1\" && $.bot_id = \"b1\" }"))
                .containsExactly("{\"level\":\"INFO\",\"campaign_id\":\"c1\",\"bot_id\":\"b1\",\"message\":\"one\"}");
        assertThat(messages("WebhookFunctionLogGroup", start, end, "{ $.bot_id = \"b1\" }")).hasSize(2);
        assertThat(messages("WebhookFunctionLogGroup", start, end, "{ $.Route = * && $.Latency > 10 }")).hasSize(1);
        assertThat(messages("WebhookFunctionLogGroup", start, end, "{ ($.Latency < 10) || $.message = \"tw*\" }")).hasSize(1);
        assertThat(messages("WebhookFunctionLogGroup", start, end, "{ $.campaign_id NOT EXISTS }")).hasSize(1);
        assertThat(messages("WebhookFunctionLogGroup", start, end, null)).hasSize(4);
        assertThat(messages("WebhookFunctionLogGroup", end + 60_000, end + 120_000, null)).isEmpty();
    }

    @Test
    void onlyTheApiRoleReadsLogGroups() {
        assertThatThrownBy(() -> webhook.logs().filterLogEvents(b -> b.logGroupName("ApiFunctionLogGroup")))
                .isInstanceOf(CloudWatchLogsException.class)
                .hasMessageContaining("logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:ApiFunctionLogGroup:*");
    }

    @Test
    void aPatternTheLocalStackCannotEvaluateIsRefusedNotIgnored() {
        assertThatThrownBy(() -> api.logs().filterLogEvents(b -> b.logGroupName("ApiFunctionLogGroup").filterPattern("{ $.a[0] = 1 }")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("unsupported selector");
    }

    private static List<String> messages(String group, long from, long to, String pattern) {
        return api.logs().filterLogEvents(b -> b.logGroupName(group).startTime(from).endTime(to).filterPattern(pattern))
                .events().stream().map(FilteredLogEvent::message).toList();
    }
}
