package io.botfleet.scheduling;

import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The sweep's start requests on the campaign-start queue, in the shape the schedules' triggers send. */
public final class SqsScheduledStarts implements ScheduledStarts {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsScheduledStarts(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void requestStart(String campaignId, Instant occurrence) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(ScheduledStartJson.write(campaignId, occurrence.toString())));
    }
}
