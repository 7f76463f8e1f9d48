package io.botfleet.analytics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Downloads a bot's archived raw events of whole UTC days as NDJSON (each event once, in time order), reading
 * EventArchiveBucket directly with the operator's own AWS credentials (the SDK's default chains), so a range of any
 * length streams day by day, with no API response limit. {@code ./botfleet archive} runs it against the local stack.
 *
 * <pre>ArchiveCommand --bucket NAME [--endpoint URL] --bot ID --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]</pre>
 */
public final class ArchiveCommand {
    static final String USAGE = "usage: ArchiveCommand --bucket NAME [--endpoint URL] --bot ID --from YYYY-MM-DD --to YYYY-MM-DD"
            + " [--out FILE]   (--to inclusive; without --out the events go to standard output)";

    private ArchiveCommand() {}

    /** What the command was asked, checked. */
    record Request(String bucket, URI endpoint, String botId, LocalDate from, LocalDate to, Path out) {}

    public static void main(String[] args) {
        Request request;
        try {
            request = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (request.endpoint() != null) {
            builder.endpointOverride(request.endpoint()).forcePathStyle(true);
        }
        try (S3Client s3 = builder.build();
             Writer out = request.out() == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                     : Files.newBufferedWriter(request.out(), StandardCharsets.UTF_8)) {
            long events = write(new AwsArchiveBucket(s3, request.bucket()), request, out);
            System.err.println(events + " events of bot " + request.botId() + " from " + request.from() + " to " + request.to()
                    + (request.out() == null ? "" : " written to " + request.out()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the events day by day (a day's events are all in that day's partition); returns how many. */
    static long write(ArchiveBucket bucket, Request request, Writer out) throws IOException {
        EventArchiveReader reader = new EventArchiveReader(bucket, EventBatchJson::archivedEvent, EventArchiveReader.Limits.NONE);
        Writer buffered = new BufferedWriter(out);
        long events = 0;
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            for (ArchivedEvent event : reader.read(request.botId(), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                buffered.write(event.json());
                buffered.write('\n');
                events++;
            }
        }
        buffered.flush();
        return events;
    }

    static Request parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!List.of("--bucket", "--endpoint", "--bot", "--from", "--to", "--out").contains(name) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name);
            }
            options.put(name, args.get(i + 1));
        }
        for (String required : List.of("--bucket", "--bot", "--from", "--to")) {
            if (options.getOrDefault(required, "").isBlank()) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        String botId = options.get("--bot");
        if (!ArchiveKeys.BOT_ID.matcher(botId).matches()) {
            throw new IllegalArgumentException("--bot: a bot id (letters, digits, _ and -)");
        }
        LocalDate from = day(options.get("--from"), "--from");
        LocalDate to = day(options.get("--to"), "--to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to is before --from");
        }
        return new Request(options.get("--bucket"), options.containsKey("--endpoint") ? URI.create(options.get("--endpoint")) : null,
                botId, from, to, options.containsKey("--out") ? Path.of(options.get("--out")) : null);
    }

    private static LocalDate day(String value, String option) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": a day such as 2026-11-30");
        }
    }
}
