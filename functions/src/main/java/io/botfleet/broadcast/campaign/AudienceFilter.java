package io.botfleet.broadcast.campaign;

import java.time.Instant;
import java.util.List;

/**
 * Which active subscribers of the bot receive a campaign; every condition given must hold (empty = all active).
 *
 * @param tags       subscriber has at least one of these tags
 * @param languages  subscriber's language code is one of these
 * @param sources    subscriber came from one of these /start payloads
 */
public record AudienceFilter(List<String> tags, List<String> languages, List<String> sources,
                             Instant joinedFrom, Instant joinedTo, Instant activeSince) {

    public static final AudienceFilter ALL = new AudienceFilter(List.of(), List.of(), List.of(), null, null, null);

    public AudienceFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
        languages = languages == null ? List.of() : List.copyOf(languages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
