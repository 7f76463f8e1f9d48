package io.botfleet.local;

import java.util.Map;

/** CloudFormation's pseudo parameters ({@code AWS::Region}, ...) with the local stack's values. */
public final class PseudoParameters {
    private static final Map<String, String> VALUES = Map.of(
            "AWS::Region", LocalAwsStack.REGION,
            "AWS::AccountId", LocalAwsStack.ACCOUNT_ID,
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "botfleet-local",
            "AWS::Partition", "aws");

    private PseudoParameters() {}

    /** The value of a pseudo parameter, or null when {@code name} is not one. */
    public static String value(String name) {
        return VALUES.get(name);
    }
}
