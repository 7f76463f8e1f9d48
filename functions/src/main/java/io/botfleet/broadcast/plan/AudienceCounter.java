package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.campaign.AudienceFilter;
import java.util.function.ToLongFunction;

/**
 * How many active subscribers an audience reaches now: the composer shows it while the audience is picked. All of a
 * bot's active subscribers come from its counters; a filtered audience is counted by paging through it, up to a
 * bound, beyond which the count is a lower bound ({@code exact} false).
 */
public final class AudienceCounter {
    static final int PAGE = 1000;
    private final AudiencePager pager;
    private final ToLongFunction<String> activeSubscribers;
    private final int maxPages;

    public record Count(long recipients, boolean exact) {}

    public AudienceCounter(AudiencePager pager, ToLongFunction<String> activeSubscribers, int maxPages) {
        this.pager = pager;
        this.activeSubscribers = activeSubscribers;
        this.maxPages = maxPages;
    }

    public Count count(String botId, AudienceFilter filter) {
        if (filter.equals(AudienceFilter.ALL)) {
            return new Count(activeSubscribers.applyAsLong(botId), true);
        }
        long recipients = 0;
        String cursor = null;
        int pages = 0;
        do {
            AudiencePager.Page page = pager.page(botId, filter, cursor, PAGE);
            recipients += page.chatIds().size();
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < maxPages);
        return new Count(recipients, cursor == null);
    }
}
