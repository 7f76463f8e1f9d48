package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.botfleet.media.MediaItem;
import io.botfleet.media.MediaLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The media function: S3's ObjectCreated notifications for {@code uploads/} in, each upload checked and recorded by
 * the library. A failure throws, so Lambda retries the event (S3 invokes asynchronously); the library's processing is
 * safe to repeat.
 */
public final class MediaFunction implements Function<S3Event, MediaFunction.Report> {
    /** What happened to each object: its media id and status. */
    public record Report(List<String> processed) {}

    private final MediaLibrary library;

    public MediaFunction(MediaLibrary library) {
        this.library = library;
    }

    @Override
    public Report apply(S3Event event) {
        List<String> processed = new ArrayList<>();
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            String key = record.getS3().getObject().getUrlDecodedKey();
            MDC.put("object_key", key);
            try {
                Optional<MediaItem> item = library.process(key);
                processed.add(key + " " + item.map(i -> i.id() + " " + i.status().json()).orElse("ignored"));
            } finally {
                MDC.remove("object_key");
            }
        }
        return new Report(processed);
    }
}
