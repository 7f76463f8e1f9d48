package io.botfleet.ads;

import java.util.Locale;

/** How an ad order is charged. */
public enum PricingModel {
    /** Per 1,000 messages delivered. */
    CPM,
    /** Per unique click: a recipient's first click on one of the ad's links or buttons. */
    CPC,
    /** One price, due once the campaign has started. */
    FLAT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PricingModel fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
