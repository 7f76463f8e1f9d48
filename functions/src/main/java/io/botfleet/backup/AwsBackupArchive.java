package io.botfleet.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The backup bucket: {@code exports/<id>/<entity>.ndjson.gz}, {@code exports/<id>/manifest.json} (written last) and
 * {@code exports/<id>/status.json}; an import's status at {@code imports/<exportId>/status.json}. The bucket is
 * private, encrypted and versioned (template.yaml), so an overwritten status or file can still be recovered.
 */
public final class AwsBackupArchive implements BackupArchive {
    private static final String JSON = "application/json";

    private final S3Client s3;
    private final String bucket;

    public AwsBackupArchive(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static String prefix(BackupJob.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "s/";
    }

    @Override
    public void upload(String exportId, String fileName, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(prefix(BackupJob.Kind.EXPORT) + exportId + "/" + fileName)
                .contentType("application/gzip"), RequestBody.fromFile(file));
    }

    @Override
    public void download(String exportId, String fileName, Path into) {
        try {
            Files.deleteIfExists(into);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s3.getObject(b -> b.bucket(bucket).key(prefix(BackupJob.Kind.EXPORT) + exportId + "/" + fileName),
                ResponseTransformer.toFile(into));
    }

    @Override
    public void putManifest(Manifest manifest) {
        put(prefix(BackupJob.Kind.EXPORT) + manifest.exportId() + "/manifest.json", BackupJson.manifest(manifest));
    }

    @Override
    public Optional<Manifest> manifest(String exportId) {
        return get(prefix(BackupJob.Kind.EXPORT) + exportId + "/manifest.json").map(bytes -> BackupJson.manifest(exportId, bytes));
    }

    @Override
    public void putJob(BackupJob job) {
        put(prefix(job.kind()) + job.exportId() + "/status.json", BackupJson.job(job));
    }

    @Override
    public Optional<BackupJob> job(BackupJob.Kind kind, String exportId) {
        return get(prefix(kind) + exportId + "/status.json").map(BackupJson::job);
    }

    @Override
    public List<BackupJob> jobs(BackupJob.Kind kind, int limit) {
        List<String> ids = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix(kind)).delimiter("/")).commonPrefixes().stream()
                .map(CommonPrefix::prefix)
                .map(p -> p.substring(prefix(kind).length(), p.length() - 1))
                .filter(BackupRules::isExportId)
                .forEach(ids::add);
        return ids.stream().sorted(Comparator.reverseOrder()).limit(limit)
                .flatMap(id -> job(kind, id).stream()).toList();
    }

    private void put(String key, byte[] json) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(JSON), RequestBody.fromBytes(json));
    }

    private Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
