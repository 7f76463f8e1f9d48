package io.botfleet.ads;

/**
 * What an order costs: a model and a price in integer minor units (cents) of an ISO 4217 currency. Spend is computed
 * from what was delivered and clicked, in minor units:
 * <ul>
 *   <li>CPM: {@code delivered × price / 1000}, rounded down once on the total (never per message, so 999 messages at a
 *   CPM of 1 cost 0 and the 1,000th costs the 1): an advertiser is never charged for a fraction not delivered;</li>
 *   <li>CPC: {@code uniqueClicks × price};</li>
 *   <li>flat: {@code price} once the campaign has started, else 0.</li>
 * </ul>
 */
public record Pricing(PricingModel model, long price, String currency) {
    /** Ten million units of a currency with cents: far above any placement, and no product below overflows a long. */
    public static final long MAX_PRICE = 1_000_000_000L;

    public Pricing {
        if (price < 0 || price > MAX_PRICE) {
            throw new IllegalArgumentException("price out of range");
        }
    }

    public long spend(long delivered, long uniqueClicks, boolean started) {
        return switch (model) {
            case CPM -> Math.multiplyExact(delivered, price) / 1000;
            case CPC -> Math.multiplyExact(uniqueClicks, price);
            case FLAT -> started ? price : 0;
        };
    }
}
