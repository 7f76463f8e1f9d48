package io.botfleet.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * The AWS managed policies SAM attaches to function roles, as AWS publishes them (IAM is not emulated, so their
 * documents live here). A role naming any other managed policy fails loudly rather than silently granting nothing.
 */
final class ManagedPolicies {
    private static final List<String> LOGS = List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");

    private static final Map<String, List<String>> ACTIONS_ON_ANY_RESOURCE = Map.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", LOGS,
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", List.of(
                    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                    "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"),
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", List.of(
                    "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                    "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
            "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole", List.of(
                    "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
                    "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"));

    private ManagedPolicies() {}

    static Statement statement(String arn) {
        List<String> actions = ACTIONS_ON_ANY_RESOURCE.get(arn);
        if (actions == null) {
            throw new IllegalArgumentException("managed policy " + arn + " is not known to the local stack; add its "
                    + "document (as AWS publishes it) to " + ManagedPolicies.class.getSimpleName());
        }
        return new Statement(arn, true, actions.stream().map(IamPattern::action).toList(), List.of(IamPattern.resource("*")));
    }
}
