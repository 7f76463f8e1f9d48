package io.botfleet.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what the functions logged about one bot or one campaign: every line of a campaign carries its
 * {@code campaign_id} and {@code bot_id} (the functions put them in the logging context), so a download selects on
 * those fields instead of searching message text.
 */
public final class LogSearch {
    public static final String CAMPAIGN_FIELD = "campaign_id";
    public static final String BOT_FIELD = "bot_id";

    private final LogArchive archive;

    public LogSearch(LogArchive archive) {
        this.archive = archive;
    }

    public List<String> functions() {
        return archive.functions();
    }

    /**
     * @param function one function's name, or empty for all of them
     * @throws IllegalArgumentException for a function the archive does not know, or bounds the selection refuses
     */
    public LogLines find(Optional<String> function, Optional<String> botId, Optional<String> campaignId,
                         Instant from, Instant to, int limit) {
        List<String> functions = function.map(List::of).orElseGet(archive::functions);
        if (function.isPresent() && !archive.functions().contains(function.get())) {
            throw new IllegalArgumentException("unknown function " + function.get());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        campaignId.ifPresent(id -> fields.put(CAMPAIGN_FIELD, id));
        botId.ifPresent(id -> fields.put(BOT_FIELD, id));
        return archive.read(new LogSelection(new ArrayList<>(functions), fields, List.of(), from, to, limit));
    }
}
