package io.botfleet.local.gateway;

/**
 * An object S3 created (a PUT, a copy, a completed multipart upload), as S3's event notifications describe it.
 *
 * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:Copy} or {@code ObjectCreated:CompleteMultipartUpload}
 * @param principalId who wrote it (the caller's role)
 */
public record ObjectCreated(String bucket, String key, long size, String eTag, String eventName, String principalId,
                            String sourceIp) {}
