package io.botfleet.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.content.InlineButton;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.ClickTarget;
import io.botfleet.clicks.InMemoryClickLedger;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.secrets.PlatformKeys;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Orders, spend and reports on the in-memory ports; the sender's side of a budget is SenderBudgetTest's. */
class AdServiceTest {
    final InMemoryBroadcast world = new InMemoryBroadcast();
    final InMemoryAdStore store = new InMemoryAdStore();
    final InMemoryClickLedger clicks = new InMemoryClickLedger();
    final InMemoryDailyDeliveries daily = new InMemoryDailyDeliveries();
    final AdService ads = new AdService(store, world.campaigns, clicks, daily, world.clock);
    final ClickCodes codes = new ClickCodes(PlatformKeys.fromSeed("a-test-seed-that-is-long-enough-for-hkdf-0123456789")::clickCodeKey);
    final Advertiser advertiser = ads.createAdvertiser("Acme", "ads@acme.example", "user-1");

    AdOrder order(Campaign c, PricingModel model, long price, OptionalLong budget) {
        return ads.createOrder(new AdService.NewOrder(c.id(), advertiser.id(), new Pricing(model, price, "USD"), budget), "user-1");
    }

    @Test
    void aCampaignHasOneOrderAndOnlyWhileItStillHasToSend() {
        Campaign draft = world.campaign(CampaignStatus.DRAFT);
        order(draft, PricingModel.CPM, 200, OptionalLong.empty());

        assertThatThrownBy(() -> order(draft, PricingModel.CPC, 5, OptionalLong.empty()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("AD_ORDER_EXISTS"));
        assertThatThrownBy(() -> order(world.campaign(CampaignStatus.COMPLETED), PricingModel.CPM, 1, OptionalLong.empty()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("CAMPAIGN_FINISHED"));
        assertThatThrownBy(() -> ads.createOrder(new AdService.NewOrder(world.campaign(CampaignStatus.DRAFT).id(), "nobody",
                new Pricing(PricingModel.CPM, 1, "USD"), OptionalLong.empty()), "user-1"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.fieldErrors()).extracting(Refusal.FieldError::field)
                        .containsExactly("advertiserId"));
    }

    @Test
    void theReportShowsEachDayAndItsDailySpendAddsUpToTheTotal() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        AdOrder order = order(c, PricingModel.CPM, 3, OptionalLong.empty());
        world.campaigns.count(c.id(), Map.of(DeliveryOutcome.SENT, 1500, DeliveryOutcome.BLOCKED, 7), true);
        daily.add(c.id(), LocalDate.parse("2026-11-30"), 700, 3);
        daily.add(c.id(), LocalDate.parse("2026-12-01"), 800, 4);
        clicks.record(new ClickTarget(c.id(), 0, 1), Instant.parse("2026-11-30T10:00:00Z"));
        clicks.record(new ClickTarget(c.id(), 0, 1), Instant.parse("2026-12-01T10:00:00Z"));
        clicks.record(new ClickTarget(c.id(), 0, 2), Instant.parse("2026-12-01T11:00:00Z"));

        AdReport report = ads.report(order);

        // 1,500 × 3 / 1000 = 4.5 → 4; the days: 700 × 3 / 1000 = 2.1 → 2, then 4 − 2 = 2 (not 800 × 3 / 1000 → 2.4 → 2 by luck)
        assertThat(report.total()).isEqualTo(new AdReport.Figures(1500, 7, 2, 3, 0.0013, 4));
        assertThat(report.days()).containsExactly(
                new AdReport.Day(LocalDate.parse("2026-11-30"), new AdReport.Figures(700, 3, 1, 1, 0.0014, 2)),
                new AdReport.Day(LocalDate.parse("2026-12-01"), new AdReport.Figures(800, 4, 1, 2, 0.0013, 2)));
        assertThat(report.days().stream().mapToLong(d -> d.figures().spend()).sum()).isEqualTo(report.total().spend());
        assertThat(ads.spend(order)).isEqualTo(new AdService.Spend(1500, 2, 3, 4));
    }

    @Test
    void aFlatOrderIsChargedOnTheDayItsCampaignStarted() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        AdOrder order = order(c, PricingModel.FLAT, 9_900, OptionalLong.empty());

        AdReport report = ads.report(order);

        assertThat(report.total().spend()).isEqualTo(9_900);
        assertThat(report.days()).extracting(AdReport.Day::day, d -> d.figures().spend())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.ofInstant(c.startedAt(), java.time.ZoneOffset.UTC), 9_900L));
    }

    @Test
    void raisingTheBudgetNeedsTheVersionTheCallerSaw() {
        AdOrder order = order(world.campaign(CampaignStatus.DRAFT), PricingModel.CPC, 10, OptionalLong.of(100));

        AdOrder raised = ads.changeBudget(order.campaignId(), OptionalLong.of(500), OptionalLong.of(1));

        assertThat(raised.budget()).hasValue(500);
        assertThatThrownBy(() -> ads.changeBudget(order.campaignId(), OptionalLong.empty(), OptionalLong.of(1)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.STALE_VERSION));
    }

    @Test
    void theSenderSeesTrackedContentPerRecipientAndTheBudgetLeft() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        world.campaigns.replace(new Campaign(c.id(), c.botId(), c.name(), new MessageContent("Sale", ParseMode.NONE, List.of(), null,
                List.of(List.of(InlineButton.link("Shop", "https://shop.example/"), InlineButton.callback("Later", "l"))), false, false),
                c.audience(), c.paid(), c.policy(), c.status(), c.version() + 1, c.createdAt(), c.createdBy(), c.startedAt(),
                null, null), c.version());
        order(c, PricingModel.CPM, 1000, OptionalLong.of(250));
        world.campaigns.count(c.id(), Map.of(DeliveryOutcome.SENT, 200), false);
        AdSponsorships sponsorships = new AdSponsorships(store, world.campaigns, clicks, codes, Optional.of(URI.create("https://api.example/")));

        var ad = sponsorships.of(world.current(c)).orElseThrow();
        MessageContent forChat = ad.contentFor(77);

        String url = forChat.keyboard().getFirst().get(0).url();
        assertThat(url).startsWith("https://api.example/r/");
        assertThat(codes.decode(url.substring("https://api.example/r/".length()))).contains(new ClickTarget(c.id(), 0, 77));
        assertThat(codes.fromCallbackData(forChat.keyboard().getFirst().get(1).callbackData())).contains(new ClickTarget(c.id(), 1, 77));
        // 200 delivered = 200 spent of 250: another batch may start until 50 more are (possibly) delivered
        assertThat(ad.mayStartBatch(0)).isTrue();
        assertThat(ad.mayStartBatch(49)).isTrue();
        assertThat(ad.mayStartBatch(50)).isFalse();
        assertThat(sponsorships.of(world.campaign(CampaignStatus.RUNNING))).isEmpty();
    }

    @Test
    void aRedirectCountsTheClickAndLeadsToTheLinkOnlyForCodesThePlatformSigned() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        world.campaigns.replace(new Campaign(c.id(), c.botId(), c.name(),
                MessageContent.text("See <a href=\"https://shop.example/x\">this</a>", ParseMode.HTML), c.audience(), c.paid(),
                c.policy(), c.status(), c.version() + 1, c.createdAt(), c.createdBy(), c.startedAt(), null, null), c.version());
        Redirects redirects = new Redirects(codes, world.campaigns, clicks, world.clock);
        String code = codes.encode(new ClickTarget(c.id(), 0, 5));

        assertThat(redirects.follow(code)).contains("https://shop.example/x");
        assertThat(redirects.follow(code)).contains("https://shop.example/x");
        assertThat(redirects.follow(codes.encode(new ClickTarget(c.id(), 1, 5)))).as("no such link").isEmpty();
        assertThat(redirects.follow(code.substring(0, 50) + (code.endsWith("A") ? "B" : "A"))).as("tampered").isEmpty();
        assertThat(clicks.totals(c.id()).unique()).isEqualTo(1);
        assertThat(clicks.totals(c.id()).total()).isEqualTo(2);
    }
}
