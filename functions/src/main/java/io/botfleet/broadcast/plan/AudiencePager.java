package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.campaign.AudienceFilter;
import java.util.List;

/** Pages through a bot's active subscribers that match a filter, without ever loading them all. */
public interface AudiencePager {

    /** {@code cursor} null = from the start; the returned {@code nextCursor} is null after the last page. */
    Page page(String botId, AudienceFilter filter, String cursor, int limit);

    record Page(List<Long> chatIds, String nextCursor) {}
}
