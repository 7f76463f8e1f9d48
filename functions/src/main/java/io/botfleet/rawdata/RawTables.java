package io.botfleet.rawdata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The platform's tables as stored, item by item: what the owner's raw data viewer pages through. */
public interface RawTables {

    /** One page of a table; {@code lastKey} is where the next page starts (absent on the last page). */
    record Page(List<Map<String, Object>> items, Optional<Map<String, String>> lastKey) {}

    /** The tables by the name the viewer shows (bots, subscribers, ...). */
    List<String> names();

    Page scan(String table, Optional<Map<String, String>> after, int limit);
}
