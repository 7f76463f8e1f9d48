package io.botfleet.live;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Campaign progress as dashboards follow it: published when it moves, and sent on a reconnecting client's sync. */
public final class CampaignFeed {

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

    public Optional<LiveMessage> current(String campaignId) {
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
            current(id).ifPresent(m -> publisher.publish(LiveTopics.parseCampaign(m.topic()).orElseThrow().botId(), m));
        }
    }

    /**
     * Sends a reconnecting client the campaign topics it names whose state is newer than the version it holds; topics
     * of bots it may not see, and campaigns that do not exist, are left unanswered.
     *
     * @return how many states were sent
     */
    public int sync(LiveConnection connection, Map<String, Long> known) {
        int sent = 0;
        for (Map.Entry<String, Long> e : known.entrySet()) {
            Optional<LiveTopics.CampaignTopic> topic = LiveTopics.parseCampaign(e.getKey());
            if (topic.isEmpty() || !connection.canSee(topic.get().botId())) {
                continue;
            }
            Optional<LiveMessage> state = current(topic.get().campaignId()).filter(m -> m.topic().equals(e.getKey()));
            if (state.isPresent() && state.get().version() > e.getValue() && publisher.send(connection, state.get())) {
                sent++;
            }
        }
        return sent;
    }
}
