package io.botfleet.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives a batch's raw events: one file per (UTC day, bot) of the batch (see {@link ArchiveKeys}), its events once
 * each, in time order. A file whose write fails makes every message with events in it be retried; the counters of a
 * retried message are not counted twice (the aggregator's dedupe records), and its file is written again under the
 * key of its new batch. So an event may sit in more than one file (a retried message, an event the webhook sent in
 * two messages): readers keep one copy per event id ({@link EventArchiveReader}; in Athena, by {@code eventId}).
 */
public final class EventArchiver {
    private static final Logger log = LoggerFactory.getLogger(EventArchiver.class);
    static final Comparator<ArchivedEvent> IN_TIME = Comparator.comparing(ArchivedEvent::at).thenComparing(ArchivedEvent::eventId);

    private final ArchiveBucket bucket;

    public EventArchiver(ArchiveBucket bucket) {
        this.bucket = bucket;
    }

    /** The raw events of one queue message. */
    public record Delivery(String messageId, List<ArchivedEvent> events) {}

    /** One file to write: its key and its events, in time order. */
    public record ArchiveFile(String key, List<ArchivedEvent> events, Set<String> messageIds) {}

    /** Writes the deliveries' files; returns the ids of the messages whose events could not be archived (to retry). */
    public Set<String> archive(List<Delivery> deliveries) {
        Set<String> failed = new LinkedHashSet<>();
        for (ArchiveFile file : files(deliveries)) {
            try {
                bucket.put(file.key(), NdjsonGzip.encode(file.events().stream().map(ArchivedEvent::json).toList()));
            } catch (RuntimeException e) {
                log.error("archiving {} events to {} failed; their messages are retried", file.events().size(), file.key(), e);
                failed.addAll(file.messageIds());
            }
        }
        return failed;
    }

    static List<ArchiveFile> files(List<Delivery> deliveries) {
        record Partition(LocalDate day, String botId) {}
        Map<Partition, Map<String, ArchivedEvent>> events = new LinkedHashMap<>();
        Map<Partition, Set<String>> messages = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            for (ArchivedEvent event : delivery.events()) {
                Partition partition = new Partition(ArchiveKeys.day(event.at()), event.botId());
                events.computeIfAbsent(partition, k -> new LinkedHashMap<>()).putIfAbsent(event.eventId(), event);
                messages.computeIfAbsent(partition, k -> new TreeSet<>()).add(delivery.messageId());
            }
        }
        List<ArchiveFile> files = new ArrayList<>();
        events.forEach((partition, byId) -> {
            List<ArchivedEvent> ordered = byId.values().stream().sorted(IN_TIME).toList();
            Set<String> ids = messages.get(partition);
            files.add(new ArchiveFile(ArchiveKeys.key(partition.day(), partition.botId(), ordered.getFirst().at(), ids), ordered, ids));
        });
        return files;
    }
}
