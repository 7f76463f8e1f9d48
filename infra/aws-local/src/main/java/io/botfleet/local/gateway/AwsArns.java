package io.botfleet.local.gateway;

import io.botfleet.local.LocalAwsStack;

/** ARNs of the resources requests name, built the way IAM sees them. */
final class AwsArns {
    static final String ACCOUNT = LocalAwsStack.ACCOUNT_ID;
    static final String REGION = LocalAwsStack.REGION;

    private AwsArns() {}

    static String table(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + nameOrArn;
    }

    static String index(String table, String index) {
        return table(table) + "/index/" + index;
    }

    static String queue(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    /** A queue URL's last path segment is the queue's name, on AWS and in ElasticMQ alike. */
    static String queueFromUrl(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return queue(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    static String secret(String name) {
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name;
    }

    static String bucket(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    static String object(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }
}
