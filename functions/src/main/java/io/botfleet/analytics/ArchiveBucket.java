package io.botfleet.analytics;

import java.util.List;

/** Where archived event files live (EventArchiveBucket): objects by key, listed by prefix. */
public interface ArchiveBucket {

    /** Writes (or replaces) the object at {@code key}. */
    void put(String key, byte[] body);

    /** Every key that starts with {@code prefix}. */
    List<String> keys(String prefix);

    byte[] get(String key);
}
