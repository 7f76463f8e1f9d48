package io.botfleet.broadcast.campaign;

import io.botfleet.broadcast.content.MessageContent;
import java.util.Locale;

/** The editable part of a campaign; {@code paid} and {@code deliveryPolicy} may be absent (free, at most once). */
public record CampaignDraft(String name, MessageContent content, AudienceFilter audience, Boolean paid,
                            String deliveryPolicy) {
    public AudienceFilter audienceOrAll() {
        return audience == null ? AudienceFilter.ALL : audience;
    }

    public DeliveryPolicy policy() {
        return deliveryPolicy == null ? DeliveryPolicy.AT_MOST_ONCE
                : DeliveryPolicy.valueOf(deliveryPolicy.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
