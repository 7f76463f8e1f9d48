package io.botfleet.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an S3 REST request (path style, as the local endpoint requires) asks IAM for: the action follows the method
 * and the sub-resource in the query (?tagging, ?uploads, ...), the resource is the bucket or the object.
 */
final class S3Requests {
    private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

    /** Bucket-level sub-resources by method; a request with none is the method's plain bucket operation. */
    private static final Map<String, Map<String, String>> BUCKET = Map.of(
            "GET", Map.ofEntries(Map.entry("uploads", "ListBucketMultipartUploads"), Map.entry("versions", "ListBucketVersions"),
                    Map.entry("location", "GetBucketLocation"), Map.entry("lifecycle", "GetLifecycleConfiguration"),
                    Map.entry("cors", "GetBucketCORS"), Map.entry("policy", "GetBucketPolicy"), Map.entry("acl", "GetBucketAcl"),
                    Map.entry("tagging", "GetBucketTagging"), Map.entry("versioning", "GetBucketVersioning"),
                    Map.entry("encryption", "GetEncryptionConfiguration"), Map.entry("notification", "GetBucketNotification"),
                    Map.entry("publicAccessBlock", "GetBucketPublicAccessBlock"),
                    Map.entry("ownershipControls", "GetBucketOwnershipControls"), Map.entry("", "ListBucket")),
            "HEAD", Map.of("", "ListBucket"),
            "PUT", Map.ofEntries(Map.entry("lifecycle", "PutLifecycleConfiguration"), Map.entry("cors", "PutBucketCORS"),
                    Map.entry("policy", "PutBucketPolicy"), Map.entry("acl", "PutBucketAcl"), Map.entry("tagging", "PutBucketTagging"),
                    Map.entry("versioning", "PutBucketVersioning"), Map.entry("encryption", "PutEncryptionConfiguration"),
                    Map.entry("notification", "PutBucketNotification"), Map.entry("publicAccessBlock", "PutBucketPublicAccessBlock"),
                    Map.entry("ownershipControls", "PutBucketOwnershipControls"), Map.entry("", "CreateBucket")),
            "DELETE", Map.of("lifecycle", "PutLifecycleConfiguration", "cors", "PutBucketCORS", "policy", "DeleteBucketPolicy",
                    "tagging", "PutBucketTagging", "encryption", "PutEncryptionConfiguration", "", "DeleteBucket"));

    private static final Map<String, Map<String, String>> OBJECT = Map.of(
            "GET", Map.of("uploadId", "ListMultipartUploadParts", "acl", "GetObjectAcl", "tagging", "GetObjectTagging",
                    "attributes", "GetObjectAttributes", "retention", "GetObjectRetention", "legal-hold", "GetObjectLegalHold",
                    "versionId", "GetObjectVersion", "", "GetObject"),
            "HEAD", Map.of("versionId", "GetObjectVersion", "", "GetObject"),
            "PUT", Map.of("tagging", "PutObjectTagging", "acl", "PutObjectAcl", "retention", "PutObjectRetention",
                    "legal-hold", "PutObjectLegalHold", "", "PutObject"),
            "DELETE", Map.of("uploadId", "AbortMultipartUpload", "tagging", "DeleteObjectTagging",
                    "versionId", "DeleteObjectVersion", "", "DeleteObject"),
            "POST", Map.of("uploads", "PutObject", "uploadId", "PutObject", "restore", "RestoreObject", "select", "GetObject"));

    private S3Requests() {}

    /** A bucket and an object key, decoded. */
    record ObjectName(String bucket, String key) {}

    static ObjectName objectName(AwsCall call) {
        return objectName(call.rawPath());
    }

    static ObjectName objectName(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        return new ObjectName(AwsCall.decode(slash < 0 ? path : path.substring(0, slash)),
                slash < 0 ? "" : AwsCall.decode(path.substring(slash + 1)));
    }

    /**
     * The S3 event a successful call causes ({@code ObjectCreated:Put}, {@code :Copy}, {@code :CompleteMultipartUpload}),
     * or null for a call that creates no object (a part upload, a multipart upload started, a sub-resource).
     */
    static String createdEvent(AwsCall call) {
        if (objectName(call).key().isEmpty()) {
            return null;
        }
        Map<String, String> q = call.query();
        // a presigned PUT carries its signature in the query; the SDK names its operation in x-id
        boolean plain = q.keySet().stream().allMatch(k -> k.startsWith("X-Amz-") || k.equals("x-id"));
        if (call.method().equals("PUT") && plain) {
            return call.headers().getFirst("x-amz-copy-source") != null ? "ObjectCreated:Copy" : "ObjectCreated:Put";
        }
        if (call.method().equals("POST") && q.containsKey("uploadId")) {
            return "ObjectCreated:CompleteMultipartUpload";
        }
        return null;
    }

    static List<Access> accesses(AwsCall call) {
        String path = call.rawPath().startsWith("/") ? call.rawPath().substring(1) : call.rawPath();
        if (path.isEmpty()) {
            return List.of(new Access("s3:ListAllMyBuckets", "*"));
        }
        int slash = path.indexOf('/');
        String bucket = AwsCall.decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 ? "" : AwsCall.decode(path.substring(slash + 1));
        if (key.isEmpty()) {
            if (call.method().equals("POST") && call.query().containsKey("delete")) {
                return deletedObjects(bucket, call.body());
            }
            return List.of(new Access("s3:" + action(BUCKET, call), AwsArns.bucket(bucket)));
        }
        List<Access> out = new ArrayList<>();
        out.add(new Access("s3:" + action(OBJECT, call), AwsArns.object(bucket, key)));
        String copySource = call.headers().getFirst("x-amz-copy-source");
        if (copySource != null) {
            String source = AwsCall.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
            int version = source.indexOf("?versionId=");
            out.add(new Access("s3:GetObject", "arn:aws:s3:::" + (version < 0 ? source : source.substring(0, version))));
        }
        return out;
    }

    private static String action(Map<String, Map<String, String>> table, AwsCall call) {
        Map<String, String> bySubresource = table.getOrDefault(call.method(), Map.of());
        for (String parameter : call.query().keySet()) {
            String action = bySubresource.get(parameter);
            if (action != null && !parameter.isEmpty()) {
                return action;
            }
        }
        String plain = bySubresource.get("");
        if (plain == null) {
            throw new IllegalArgumentException("S3 request the local gateway cannot authorize: " + call.method() + " " + call.rawPath());
        }
        return plain;
    }

    /** DeleteObjects authorizes s3:DeleteObject on every key it names. */
    private static List<Access> deletedObjects(String bucket, byte[] body) {
        List<Access> out = new ArrayList<>();
        Matcher m = DELETE_KEY.matcher(new String(body, StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(new Access("s3:DeleteObject", AwsArns.object(bucket, m.group(1))));
        }
        return out;
    }
}
