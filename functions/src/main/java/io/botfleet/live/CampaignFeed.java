package io.botfleet.live;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Campaign progress as dashboards follow it: published when it moves, and the current state for a client's sync. */
public final class CampaignFeed implements TopicSource {

    /** What a dashboard is shown of a campaign (the admin API's progress view). */
    public interface View {
        Map<String, Object> of(Campaign campaign, CampaignProgress progress);
    }

    private final CampaignStore campaigns;
    private final LivePublisher publisher;
    private final View view;

    public CampaignFeed(CampaignStore campaigns, LivePublisher publisher, View view) {
        this.campaigns = campaigns;
        this.publisher = publisher;
        this.view = view;
    }

    public Optional<LiveMessage> ofCampaign(String campaignId) {
        return campaigns.get(campaignId).map(c -> {
            CampaignProgress p = campaigns.progress(campaignId);
            long progress = p.finished() + p.batchesDone() + p.audienceSize();
            return new LiveMessage(LiveTopics.campaign(c.botId(), c.id()), LiveTopics.campaignVersion(c.version(), progress),
                    view.of(c, p));
        });
    }

    /** Pushes the current state of each campaign to the connections that may see its bot. */
    public void publish(Collection<String> campaignIds) {
        for (String id : campaignIds) {
            ofCampaign(id).ifPresent(m -> publisher.publish(LiveTopics.parseCampaign(m.topic()).orElseThrow().botId(), m));
        }
    }

    @Override
    public Optional<State> current(String topic) {
        return LiveTopics.parseCampaign(topic).flatMap(t -> ofCampaign(t.campaignId())
                .filter(m -> m.topic().equals(topic)).map(m -> new State(t.botId(), m)));
    }
}
