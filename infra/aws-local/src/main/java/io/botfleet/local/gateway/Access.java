package io.botfleet.local.gateway;

/** One IAM authorization a request needs: an action (IAM's name, e.g. dynamodb:PutItem) on a resource ARN. */
public record Access(String action, String resource) {}
