package io.botfleet.broadcast.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A campaign's lifecycle: DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED | CANCELLED | FAILED. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED;

    /** The states a campaign may come from to reach this one. */
    public Set<CampaignStatus> from() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SCHEDULED);
            case SCHEDULED -> EnumSet.of(DRAFT);
            case RUNNING -> EnumSet.of(DRAFT, SCHEDULED, PAUSED);
            case PAUSED -> EnumSet.of(RUNNING);
            case COMPLETED, FAILED -> EnumSet.of(RUNNING);
            case CANCELLED -> EnumSet.of(DRAFT, SCHEDULED, RUNNING, PAUSED);
        };
    }

    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CampaignStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
