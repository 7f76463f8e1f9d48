package io.botfleet.analytics;

import io.botfleet.shared.errors.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a bot's archived events back: the files of each UTC day the range touches, every event once (by event id,
 * however many files hold it), in time order. Bounded by the files and bytes one read may take, so an answer fits a
 * Lambda response; a wider read is refused, naming {@code to}.
 */
public final class EventArchiveReader {
    /** Files fetched at once: S3 answers each GET in tens of milliseconds, and a busy day has thousands of files. */
    static final int PARALLEL_GETS = 8;

    private final ArchiveBucket bucket;
    private final Function<String, ArchivedEvent> parseLine;
    private final Limits limits;

    /** @param parseLine reads one archived line (the codec, {@code EventBatchJson::archivedEvent}) */
    public EventArchiveReader(ArchiveBucket bucket, Function<String, ArchivedEvent> parseLine, Limits limits) {
        this.bucket = bucket;
        this.parseLine = parseLine;
        this.limits = limits;
    }

    /** How much one read may take: files listed, and bytes of the events it answers (one line each). */
    public record Limits(int files, long bytes) {
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** The bot's events with {@code from <= at < to}. */
    public List<ArchivedEvent> read(String botId, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        for (LocalDate day = ArchiveKeys.day(from); !day.isAfter(ArchiveKeys.day(to.minusNanos(1))); day = day.plusDays(1)) {
            keys.addAll(bucket.keys(ArchiveKeys.prefix(day, botId)));
            if (keys.size() > limits.files()) {
                throw tooMuch("the range holds more than " + limits.files() + " archive files");
            }
        }
        Map<String, ArchivedEvent> unique = new LinkedHashMap<>();
        long bytes = 0;
        for (List<String> lines : fetch(keys)) {
            for (String line : lines) {
                ArchivedEvent event = parseLine.apply(line);
                if (event.botId().equals(botId) && !event.at().isBefore(from) && event.at().isBefore(to)
                        && unique.putIfAbsent(event.eventId(), event) == null) {
                    bytes += event.json().length() + 1;
                    if (bytes > limits.bytes()) {
                        throw tooMuch("the range holds more than " + limits.bytes() + " bytes of events");
                    }
                }
            }
        }
        return unique.values().stream().sorted(EventArchiver.IN_TIME).toList();
    }

    private List<List<String>> fetch(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_GETS, keys.size()))) {
            List<Future<List<String>>> files = keys.stream().map(k -> pool.submit(() -> NdjsonGzip.decode(bucket.get(k)))).toList();
            List<List<String>> out = new ArrayList<>();
            for (Future<List<String>> file : files) {
                out.add(file.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static Refusal tooMuch(String why) {
        return Refusal.invalidField("to", "RANGE_TOO_LARGE", why + ": ask for a shorter range");
    }
}
