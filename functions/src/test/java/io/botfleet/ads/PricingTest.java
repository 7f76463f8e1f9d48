package io.botfleet.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PricingTest {

    @Test
    void cpmChargesPerThousandDeliveredRoundedDownOnTheTotal() {
        Pricing cpm = new Pricing(PricingModel.CPM, 250, "USD");
        assertThat(cpm.spend(0, 5, true)).isZero();
        assertThat(cpm.spend(1000, 0, true)).isEqualTo(250);
        // 3 × 250 / 1000 = 0.75 cents: nothing is charged for a fraction of a cent not yet delivered
        assertThat(cpm.spend(3, 0, true)).isZero();
        assertThat(cpm.spend(4, 0, true)).isEqualTo(1);
        assertThat(cpm.spend(1999, 0, true)).isEqualTo(499);
        // rounded once on the total, not per message
        assertThat(new Pricing(PricingModel.CPM, 1, "USD").spend(999, 0, true)).isZero();
        assertThat(new Pricing(PricingModel.CPM, 1, "USD").spend(1000, 0, true)).isEqualTo(1);
    }

    @Test
    void cpcChargesUniqueClicksOnly() {
        Pricing cpc = new Pricing(PricingModel.CPC, 40, "EUR");
        assertThat(cpc.spend(10_000, 0, true)).isZero();
        assertThat(cpc.spend(10_000, 7, true)).isEqualTo(280);
    }

    @Test
    void aFlatPriceIsDueOnceTheCampaignStarted() {
        Pricing flat = new Pricing(PricingModel.FLAT, 50_000, "USD");
        assertThat(flat.spend(0, 0, false)).isZero();
        assertThat(flat.spend(0, 0, true)).isEqualTo(50_000);
        assertThat(flat.spend(1_000_000, 900, true)).isEqualTo(50_000);
    }

    @Test
    void theLargestPriceTimesABillionDeliveriesStillFitsALong() {
        assertThat(new Pricing(PricingModel.CPM, Pricing.MAX_PRICE, "USD").spend(1_000_000_000, 0, true))
                .isEqualTo(Pricing.MAX_PRICE * 1_000_000);
        assertThatThrownBy(() -> new Pricing(PricingModel.CPM, -1, "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pricing(PricingModel.CPM, Pricing.MAX_PRICE + 1, "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBudgetLetsDeliveryGoOnUntilTheSpendReachesIt() {
        AdOrder capped = order(new Pricing(PricingModel.CPM, 1000, "USD"), OptionalLong.of(150));
        assertThat(capped.budgetAllows(149)).isTrue();
        assertThat(capped.budgetAllows(150)).isFalse();
        assertThat(order(new Pricing(PricingModel.CPM, 1000, "USD"), OptionalLong.empty()).budgetAllows(Long.MAX_VALUE)).isTrue();
    }

    static AdOrder order(Pricing pricing, OptionalLong budget) {
        return new AdOrder("01JDQ8W5X9T3K2M4N6P8R0S2T4", "adv", "4242", pricing, budget,
                java.time.Instant.parse("2026-11-30T09:00:00Z"), "user-1", 1);
    }
}
