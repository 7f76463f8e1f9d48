package io.botfleet.media;

import java.util.Locale;

/** Where an upload is: waiting for its file, checked and usable, or refused (kept apart with the reason). */
public enum MediaStatus {
    PENDING,
    VALIDATED,
    QUARANTINED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
