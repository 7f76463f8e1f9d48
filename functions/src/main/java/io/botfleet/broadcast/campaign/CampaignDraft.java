package io.botfleet.broadcast.campaign;

import io.botfleet.api.Validation;
import io.botfleet.broadcast.content.ContentValidator;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.Violation;
import io.botfleet.broadcast.send.DeliveryPolicy;
import java.util.Locale;

/** The editable part of a campaign, as the API receives it. */
public record CampaignDraft(String name, MessageContent content, AudienceFilter audience, Boolean paid,
                            String deliveryPolicy) implements Validation.Validatable {
    /** Per audience list (tags, languages, sources): bounds the planner's filter expression. */
    static final int MAX_FILTER_VALUES = 20;
    static final int MAX_FILTER_VALUE_LENGTH = 64;

    @Override
    public void validate(Validation v) {
        if (v.required("name", name)) {
            v.text("name", name, 1, 120);
        }
        if (v.required("content", content)) {
            for (Violation violation : ContentValidator.validate(content, "content")) {
                v.error(violation.field(), violation.code(), violation.message());
            }
        }
        if (deliveryPolicy != null) {
            v.oneOf("deliveryPolicy", deliveryPolicy.toUpperCase(Locale.ROOT).replace('-', '_'), DeliveryPolicy.class);
        }
        if (audience != null && audience.joinedFrom() != null && audience.joinedTo() != null
                && audience.joinedFrom().isAfter(audience.joinedTo())) {
            v.error("audience.joinedTo", "RANGE_INVERTED", "joinedTo must not be before joinedFrom");
        }
        if (audience != null) {
            v.texts("audience.tags", audience.tags(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
            v.texts("audience.languages", audience.languages(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
            v.texts("audience.sources", audience.sources(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
        }
    }

    public AudienceFilter audienceOrAll() {
        return audience == null ? AudienceFilter.ALL : audience;
    }

    public DeliveryPolicy policy() {
        return deliveryPolicy == null ? DeliveryPolicy.AT_MOST_ONCE
                : DeliveryPolicy.valueOf(deliveryPolicy.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
