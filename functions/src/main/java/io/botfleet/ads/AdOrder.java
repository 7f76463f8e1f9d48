package io.botfleet.ads;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A campaign bought by an advertiser. Its id is the campaign's: one order per campaign, found from the campaign
 * without a lookup. {@code budget} (minor units of the pricing's currency) caps the spend: the sender stops the
 * campaign before a batch once it is reached.
 */
public record AdOrder(String campaignId, String advertiserId, String botId, Pricing pricing, OptionalLong budget,
                      Instant createdAt, String createdBy, long version) {

    public AdOrder withBudget(OptionalLong newBudget) {
        return new AdOrder(campaignId, advertiserId, botId, pricing, newBudget, createdAt, createdBy, version + 1);
    }

    /** Whether {@code spent} leaves room for more delivery. */
    public boolean budgetAllows(long spent) {
        return budget.isEmpty() || spent < budget.getAsLong();
    }
}
