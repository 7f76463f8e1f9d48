package io.botfleet.analytics;

import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** EventArchiveBucket on S3: PutObject to archive, ListObjectsV2 and GetObject to read back. */
public final class AwsArchiveBucket implements ArchiveBucket {
    private final S3Client s3;
    private final String bucket;

    public AwsArchiveBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] body) {
        // a gzip file (not Content-Encoding: gzip, which clients would undo on download): Athena reads it by its .gz
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/gzip"), RequestBody.fromBytes(body));
    }

    @Override
    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    @Override
    public byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }
}
