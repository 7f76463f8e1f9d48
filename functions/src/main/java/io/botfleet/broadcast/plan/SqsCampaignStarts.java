package io.botfleet.broadcast.plan;

import io.botfleet.shared.json.Json;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The campaign-start queue: "start now", schedules and resumes all reach the planner through it. */
public final class SqsCampaignStarts implements CampaignStarts {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCampaignStarts(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void requestStart(String campaignId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("campaignId", campaignId))));
    }
}
