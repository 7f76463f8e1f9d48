package io.botfleet.media;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The media bucket through S3: objects, and presigned URLs signed with the function's own role. */
public final class AwsMediaBucket implements MediaObjects {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public AwsMediaBucket(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI presignedPut(String key, String contentType, long size, Duration ttl) {
        // content type and length are signed headers: S3 refuses a PUT whose headers differ from them
        return URI.create(presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(size)))
                .url().toString());
    }

    @Override
    public URI presignedGet(String key, Duration ttl) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(r -> r.bucket(bucket).key(key)))
                .url().toString());
    }

    @Override
    public byte[] read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void write(String key, byte[] bytes, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void move(String from, String to) {
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        } catch (NoSuchKeyException e) {
            // moved already by an earlier attempt of the same event
            return;
        }
        s3.deleteObject(r -> r.bucket(bucket).key(from));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }
}
