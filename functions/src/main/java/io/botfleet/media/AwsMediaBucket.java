package io.botfleet.media;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media bucket through S3: objects, and presigned URLs signed with the function's own role. The clients are
 * built on first use: a sender reads the bucket only for a campaign with library media, and an S3 client's classes
 * are a few megabytes of a 128 MB function's memory.
 */
public final class AwsMediaBucket implements MediaObjects {
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;

    public AwsMediaBucket(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
        this.s3 = memoized(s3);
        this.presigner = memoized(presigner);
        this.bucket = bucket;
    }

    private static <T> Supplier<T> memoized(Supplier<T> create) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = create.get();
                }
                return value;
            }
        };
    }

    @Override
    public URI presignedPut(String key, String contentType, long size, Duration ttl) {
        // content type and length are signed headers: S3 refuses a PUT whose headers differ from them
        return URI.create(presigner.get().presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(size)))
                .url().toString());
    }

    @Override
    public URI presignedGet(String key, Duration ttl) {
        return URI.create(presigner.get().presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(r -> r.bucket(bucket).key(key)))
                .url().toString());
    }

    @Override
    public byte[] read(String key) {
        return s3.get().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void write(String key, byte[] bytes, String contentType) {
        s3.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void move(String from, String to) {
        try {
            s3.get().copyObject(r -> r.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        } catch (NoSuchKeyException e) {
            // moved already by an earlier attempt of the same event
            return;
        }
        s3.get().deleteObject(r -> r.bucket(bucket).key(from));
    }

    @Override
    public void delete(String key) {
        s3.get().deleteObject(r -> r.bucket(bucket).key(key));
    }
}
