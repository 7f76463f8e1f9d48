package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.gateway.ObjectCreated;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The event S3 sends a function for an object created (event message structure version 2.1), one record per event. */
public final class S3Events {
    private S3Events() {}

    /** @param configurationId the notification configuration's id (SAM names it after the function's event) */
    public static byte[] event(ObjectCreated o, String configurationId, String region, Instant at) {
        ObjectNode event = EventJson.object();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        record.put("eventName", o.eventName());
        record.putObject("userIdentity").put("principalId", o.principalId());
        record.putObject("requestParameters").put("sourceIPAddress", o.sourceIp());
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", hex(8).toUpperCase(java.util.Locale.ROOT));
        response.put("x-amz-id-2", hex(32));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", o.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
        bucket.put("arn", "arn:aws:s3:::" + o.bucket());
        ObjectNode object = s3.putObject("object");
        // S3 sends keys URL-encoded, spaces as '+', as an HTML form would
        object.put("key", URLEncoder.encode(o.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("size", o.size());
        object.put("eTag", o.eTag());
        object.put("sequencer", Long.toHexString(at.toEpochMilli() * 1000 + ThreadLocalRandom.current().nextInt(1000)).toUpperCase(java.util.Locale.ROOT));
        return EventJson.bytes(event);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
