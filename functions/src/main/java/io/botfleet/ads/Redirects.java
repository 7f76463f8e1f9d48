package io.botfleet.ads;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.ClickLedger;
import io.botfleet.clicks.ClickTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /r/{code}}: a recipient opening a tracked link. The code is verified without a lookup; the link's URL
 * comes from the campaign's content (read once per campaign and function instance: a sent campaign's content does not
 * change); the click is one write. Anything not signed by the platform, or pointing at no URL, leads nowhere.
 */
public final class Redirects {
    /** Campaigns whose link targets an instance keeps; beyond, it starts over (a redirect is mostly recent ads). */
    static final int CACHED_CAMPAIGNS = 1_000;

    private final ClickCodes codes;
    private final CampaignStore campaigns;
    private final ClickLedger clicks;
    private final Clock clock;
    private final Map<String, List<TrackedContent.Target>> targets = new ConcurrentHashMap<>();

    public Redirects(ClickCodes codes, CampaignStore campaigns, ClickLedger clicks, Clock clock) {
        this.codes = codes;
        this.campaigns = campaigns;
        this.clicks = clicks;
        this.clock = clock;
    }

    /** @return where the link leads, its click counted; empty for a code that is not the platform's or has no URL */
    public Optional<String> follow(String code) {
        Optional<ClickTarget> decoded = codes.decode(code);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        ClickTarget target = decoded.get();
        List<TrackedContent.Target> links = targetsOf(target.campaignId());
        if (target.link() >= links.size() || links.get(target.link()).url() == null) {
            return Optional.empty();
        }
        clicks.record(target, clock.instant());
        return Optional.of(links.get(target.link()).url());
    }

    private List<TrackedContent.Target> targetsOf(String campaignId) {
        List<TrackedContent.Target> known = targets.get(campaignId);
        if (known != null) {
            return known;
        }
        List<TrackedContent.Target> loaded = campaigns.get(campaignId).map(Campaign::content)
                .map(content -> TrackedContent.of(content).targets()).orElse(List.of());
        if (targets.size() >= CACHED_CAMPAIGNS) {
            targets.clear();
        }
        targets.put(campaignId, loaded);
        return loaded;
    }
}
