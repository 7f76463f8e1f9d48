package io.botfleet.ads;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.send.Sponsorships;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.ClickLedger;
import io.botfleet.clicks.ClickTarget;
import java.net.URI;
import java.util.Optional;

/**
 * The sender's view of ad orders: a campaign with an order gets its links and buttons tracked per recipient and its
 * budget weighed before each batch. The spend is read once per sender invocation (delivered from the campaign's
 * counters, unique clicks for CPC); what the invocation delivers on top is the sender's to add.
 */
public final class AdSponsorships implements Sponsorships {
    private final AdStore orders;
    private final CampaignStore campaigns;
    private final ClickLedger clicks;
    private final ClickCodes codes;
    private final Optional<URI> publicBaseUrl;

    /** @param publicBaseUrl the HTTP API's public URL, where {@code /r/{code}} is served; without it URLs stay as they are */
    public AdSponsorships(AdStore orders, CampaignStore campaigns, ClickLedger clicks, ClickCodes codes, Optional<URI> publicBaseUrl) {
        this.orders = orders;
        this.campaigns = campaigns;
        this.clicks = clicks;
        this.codes = codes;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The redirect URL of a code: {@code <public base>/r/<code>}. */
    public static String redirectUrl(URI base, String code) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/r/" + code;
    }

    @Override
    public Optional<Sponsorship> of(Campaign campaign) {
        return orders.order(campaign.id()).map(order -> {
            TrackedContent tracked = TrackedContent.of(campaign.content());
            long delivered = campaigns.progress(campaign.id()).count(DeliveryOutcome.SENT);
            long uniqueClicks = order.pricing().model() == PricingModel.CPC ? clicks.totals(campaign.id()).unique() : 0;
            boolean started = campaign.startedAt() != null;
            return new Sponsorship() {
                @Override
                public MessageContent contentFor(long chatId) {
                    return tracked.forRecipient(
                            link -> publicBaseUrl.map(base -> redirectUrl(base, codes.encode(new ClickTarget(campaign.id(), link, chatId))))
                                    .orElse(tracked.targets().get(link).url()),
                            link -> codes.callbackData(new ClickTarget(campaign.id(), link, chatId)));
                }

                @Override
                public boolean mayStartBatch(long deliveredSince) {
                    return order.budgetAllows(order.pricing().spend(delivered + deliveredSince, uniqueClicks, started));
                }
            };
        });
    }
}
