package io.botfleet.shared.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An SQS event as Lambda hands it to a function, and the partial batch response, with the platform's own Jackson
 * instead of {@link LambdaEvents}: Lambda's serializers bring a shaded copy of Jackson (about 850 classes), which a
 * function that already loads Jackson would carry twice in its memory. The event's keys differ from the bean's
 * properties only in case ({@code Records}, {@code eventSourceARN}); fields it does not know are left out, as
 * Lambda's serializers leave them.
 */
public final class SqsEvents {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SqsEvents() {}

    /** @throws IOException when the bytes are not an SQS event */
    public static SQSEvent read(InputStream event) throws IOException {
        SQSEvent read = MAPPER.readValue(event, SQSEvent.class);
        if (read == null || read.getRecords() == null) {
            throw new IOException("not an SQS event: no Records");
        }
        return read;
    }

    /** {@code {"batchItemFailures":[{"itemIdentifier":"<message id>"}, ...]}}, as Lambda's event source mapping reads it. */
    public static void write(SQSBatchResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = MAPPER.createGenerator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
