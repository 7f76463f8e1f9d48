package io.botfleet.broadcast.plan;

import java.util.ArrayList;
import java.util.List;

/** The campaign-start queue in memory: the requests, in order (SQS standard queues do not deduplicate). */
public final class InMemoryCampaignStarts implements CampaignStarts {
    private final List<String> requested = new ArrayList<>();

    @Override
    public synchronized void requestStart(String campaignId) {
        requested.add(campaignId);
    }

    public synchronized List<String> requested() {
        return List.copyOf(requested);
    }
}
