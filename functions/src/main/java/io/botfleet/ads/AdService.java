package io.botfleet.ads;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.clicks.ClickLedger;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.ids.Ulid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/** Advertisers, their orders, and what the orders have spent: what admins and the dashboard's ad pages do. */
public final class AdService {
    private final AdStore store;
    private final CampaignStore campaigns;
    private final ClickLedger clicks;
    private final DailyDeliveries daily;
    private final Clock clock;

    public AdService(AdStore store, CampaignStore campaigns, ClickLedger clicks, DailyDeliveries daily, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.clicks = clicks;
        this.daily = daily;
        this.clock = clock;
    }

    /** An order's request, validated at the edge. */
    public record NewOrder(String campaignId, String advertiserId, Pricing pricing, OptionalLong budget) {}

    /** What an order has spent so far, from the campaign's counters and clicks. */
    public record Spend(long delivered, long uniqueClicks, long totalClicks, long spend) {}

    public Advertiser createAdvertiser(String name, String contactEmail, String createdBy) {
        Advertiser a = new Advertiser(Ulid.next(clock.instant()), name, contactEmail, clock.instant(), createdBy, 1);
        store.createAdvertiser(a);
        return a;
    }

    public Advertiser advertiser(String advertiserId) {
        return store.advertiser(advertiserId)
                .orElseThrow(() -> Refusal.notFound("ADVERTISER_NOT_FOUND", "No advertiser " + advertiserId));
    }

    /** @param expectedVersion the version the caller edited, if it says (else the one read now) */
    public Advertiser updateAdvertiser(String advertiserId, String name, String contactEmail, OptionalLong expectedVersion) {
        Advertiser current = advertiser(advertiserId);
        long version = expectedVersion.orElse(current.version());
        if (version != current.version()) {
            throw Refusal.staleVersion("VERSION_MISMATCH", "The advertiser changed since version " + version);
        }
        Advertiser updated = current.edited(name == null ? current.name() : name,
                contactEmail == null ? current.contactEmail() : contactEmail);
        if (!store.replaceAdvertiser(updated, version)) {
            throw Refusal.staleVersion("VERSION_MISMATCH", "The advertiser changed meanwhile");
        }
        return updated;
    }

    public AdStore.Page<Advertiser> advertisers(String afterId, int limit) {
        return store.advertisers(afterId, limit);
    }

    /** The campaign an order may be placed on: it exists and has not finished. */
    public Campaign orderableCampaign(String campaignId) {
        Campaign c = campaigns.get(campaignId).orElseThrow(() -> Refusal.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + campaignId));
        if (c.status() == CampaignStatus.COMPLETED || c.status() == CampaignStatus.CANCELLED || c.status() == CampaignStatus.FAILED) {
            throw Refusal.conflict("CAMPAIGN_FINISHED", "The campaign has finished; an order needs one still to send");
        }
        return c;
    }

    public AdOrder createOrder(NewOrder request, String createdBy) {
        Campaign c = orderableCampaign(request.campaignId());
        if (store.advertiser(request.advertiserId()).isEmpty()) {
            throw Refusal.invalidField("advertiserId", "NOT_FOUND", "No advertiser " + request.advertiserId());
        }
        AdOrder order = new AdOrder(c.id(), request.advertiserId(), c.botId(), request.pricing(), request.budget(),
                clock.instant(), createdBy, 1);
        if (!store.createOrder(order)) {
            throw Refusal.conflict("AD_ORDER_EXISTS", "The campaign has an ad order already");
        }
        return order;
    }

    public AdOrder order(String campaignId) {
        return store.order(campaignId).orElseThrow(() -> Refusal.notFound("AD_ORDER_NOT_FOUND", "No ad order " + campaignId));
    }

    public AdStore.Page<AdOrder> orders(String afterId, int limit) {
        return store.orders(afterId, limit);
    }

    /** A new budget (or none): raising it lets a campaign paused for its budget resume. */
    public AdOrder changeBudget(String campaignId, OptionalLong budget, OptionalLong expectedVersion) {
        AdOrder current = order(campaignId);
        long version = expectedVersion.orElse(current.version());
        if (version != current.version()) {
            throw Refusal.staleVersion("VERSION_MISMATCH", "The order changed since version " + version);
        }
        AdOrder updated = current.withBudget(budget);
        if (!store.replaceOrder(updated, version)) {
            throw Refusal.staleVersion("VERSION_MISMATCH", "The order changed meanwhile");
        }
        return updated;
    }

    public Spend spend(AdOrder order) {
        CampaignProgress progress = campaigns.progress(order.campaignId());
        ClickLedger.ClickTotals c = clicks.totals(order.campaignId());
        long delivered = progress.count(DeliveryOutcome.SENT);
        return new Spend(delivered, c.unique(), c.total(), order.pricing().spend(delivered, c.unique(), started(order)));
    }

    private boolean started(AdOrder order) {
        return campaigns.get(order.campaignId()).map(Campaign::startedAt).isPresent();
    }

    public AdReport report(AdOrder order) {
        Campaign campaign = campaigns.get(order.campaignId())
                .orElseThrow(() -> Refusal.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + order.campaignId()));
        CampaignProgress progress = campaigns.progress(order.campaignId());
        ClickLedger.ClickTotals c = clicks.totals(order.campaignId());
        SortedMap<LocalDate, DailyDeliveries.Day> deliveries = daily.byDay(order.campaignId());
        TreeMap<LocalDate, Boolean> days = new TreeMap<>();
        deliveries.keySet().forEach(d -> days.put(d, true));
        c.byDay().keySet().forEach(d -> days.put(d, true));
        LocalDate startDay = campaign.startedAt() == null ? null : LocalDate.ofInstant(campaign.startedAt(), ZoneOffset.UTC);
        if (startDay != null && order.pricing().model() == PricingModel.FLAT) {
            days.put(startDay, true);
        }
        Pricing pricing = order.pricing();
        List<AdReport.Day> rows = new ArrayList<>();
        long cumulativeDelivered = 0;
        for (LocalDate day : days.keySet()) {
            DailyDeliveries.Day d = deliveries.getOrDefault(day, new DailyDeliveries.Day(0, 0));
            ClickLedger.DayClicks k = c.byDay().getOrDefault(day, new ClickLedger.DayClicks(0, 0));
            long spend = switch (pricing.model()) {
                case CPM -> pricing.spend(cumulativeDelivered + d.delivered(), 0, true) - pricing.spend(cumulativeDelivered, 0, true);
                case CPC -> pricing.spend(0, k.unique(), true);
                case FLAT -> day.equals(startDay) ? pricing.price() : 0;
            };
            cumulativeDelivered += d.delivered();
            rows.add(new AdReport.Day(day, new AdReport.Figures(d.delivered(), d.blocked(), k.unique(), k.total(),
                    AdReport.ctr(k.unique(), d.delivered()), spend)));
        }
        long delivered = progress.count(DeliveryOutcome.SENT);
        AdReport.Figures total = new AdReport.Figures(delivered, progress.count(DeliveryOutcome.BLOCKED), c.unique(), c.total(),
                AdReport.ctr(c.unique(), delivered), pricing.spend(delivered, c.unique(), startDay != null));
        return new AdReport(order, total, rows);
    }
}
