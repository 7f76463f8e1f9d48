package io.botfleet.api;

import io.botfleet.ads.AdService;
import io.botfleet.ads.Pricing;
import io.botfleet.ads.PricingModel;
import java.util.Currency;
import java.util.Locale;
import java.util.OptionalLong;

/** The request bodies of the advertiser and ad order routes. */
final class AdBodies {
    private AdBodies() {}

    /** The largest budget: a hundred times the largest price. */
    static final long MAX_BUDGET = Pricing.MAX_PRICE * 100;

    /** {@code POST /api/advertisers}. */
    record NewAdvertiser(String name, String contactEmail) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("name", name, 1, 120);
            if (contactEmail != null) {
                v.email("contactEmail", contactEmail);
            }
        }
    }

    /** {@code PATCH /api/advertisers/{advertiserId}}: what is given changes. */
    record AdvertiserChanges(String name, String contactEmail) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (name != null) {
                v.text("name", name, 1, 120);
            }
            if (contactEmail != null) {
                v.email("contactEmail", contactEmail);
            }
        }
    }

    /** {@code POST /api/ads}: an order for a campaign. */
    record NewOrder(String campaignId, String advertiserId, String pricingModel, Long price, String currency, Long budget)
            implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (v.required("campaignId", campaignId)) {
                v.id("campaignId", campaignId);
            }
            if (v.required("advertiserId", advertiserId)) {
                v.id("advertiserId", advertiserId);
            }
            PricingModel model = v.required("pricingModel", pricingModel)
                    ? v.oneOf("pricingModel", pricingModel.toUpperCase(Locale.ROOT), PricingModel.class) : null;
            if (v.required("price", price)) {
                v.range("price", price, 0, Pricing.MAX_PRICE);
            }
            if (v.required("currency", currency)) {
                checkCurrency(v, currency);
            }
            if (budget != null) {
                v.range("budget", budget, 1, MAX_BUDGET);
                v.check(model != PricingModel.FLAT, "budget", "NOT_APPLICABLE",
                        "a flat order costs its price once; a budget caps CPM and CPC orders");
            }
        }

        AdService.NewOrder order() {
            return new AdService.NewOrder(campaignId, advertiserId,
                    new Pricing(PricingModel.fromJson(pricingModel), price, currency), optionalBudget(budget));
        }
    }

    /** {@code PATCH /api/ads/{orderId}}: the budget (null: no cap). */
    record BudgetChange(Long budget) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (budget != null) {
                v.range("budget", budget, 1, MAX_BUDGET);
            }
        }
    }

    static OptionalLong optionalBudget(Long budget) {
        return budget == null ? OptionalLong.empty() : OptionalLong.of(budget);
    }

    /** An ISO 4217 code, upper case: what the price's minor units are of. */
    private static void checkCurrency(Validation v, String code) {
        boolean known;
        try {
            known = code.matches("[A-Z]{3}") && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            known = false;
        }
        v.check(known, "currency", "CURRENCY_UNKNOWN", "currency must be an ISO 4217 code such as USD or EUR");
    }
}
