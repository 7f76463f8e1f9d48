package io.botfleet.media;

import java.net.URI;
import java.time.Duration;

/** The media bucket: objects and the presigned URLs browsers use to write and read them. */
public interface MediaObjects {
    /** A PUT URL whose signature covers the content type and length, so nothing else can be uploaded with it. */
    URI presignedPut(String key, String contentType, long size, Duration ttl);

    URI presignedGet(String key, Duration ttl);

    byte[] read(String key);

    void write(String key, byte[] bytes, String contentType);

    void move(String from, String to);

    void delete(String key);
}
