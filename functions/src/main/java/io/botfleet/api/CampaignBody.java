package io.botfleet.api;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.CampaignDraft;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.ContentValidator;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.Violation;
import java.util.Locale;

/** A campaign's editable part as the API receives it (create and replace); {@link #draft()} once it is valid. */
record CampaignBody(String name, MessageContent content, AudienceFilter audience, Boolean paid, String deliveryPolicy)
        implements Validation.Validatable {
    /** Per audience list (tags, languages, sources): bounds the planner's filter expression. */
    static final int MAX_FILTER_VALUES = 20;
    static final int MAX_FILTER_VALUE_LENGTH = 64;

    @Override
    public void validate(Validation v) {
        v.requiredText("name", name, 1, 120);
        if (v.required("content", content)) {
            for (Violation violation : ContentValidator.validate(content, "content")) {
                v.error(violation.field(), violation.code(), violation.message());
            }
        }
        if (deliveryPolicy != null) {
            v.oneOf("deliveryPolicy", deliveryPolicy.toUpperCase(Locale.ROOT).replace('-', '_'), DeliveryPolicy.class);
        }
        if (audience != null) {
            validateAudience(v, audience, "audience.");
        }
    }

    /** The audience rules, for a campaign's body and for the composer's recipient count. */
    static void validateAudience(Validation v, AudienceFilter audience, String prefix) {
        if (audience.joinedFrom() != null && audience.joinedTo() != null && audience.joinedFrom().isAfter(audience.joinedTo())) {
            v.error(prefix + "joinedTo", "RANGE_INVERTED", "joinedTo must not be before joinedFrom");
        }
        v.texts(prefix + "tags", audience.tags(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
        v.texts(prefix + "languages", audience.languages(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
        v.texts(prefix + "sources", audience.sources(), MAX_FILTER_VALUES, MAX_FILTER_VALUE_LENGTH);
    }

    CampaignDraft draft() {
        return new CampaignDraft(name, content, audience, paid, deliveryPolicy);
    }
}
