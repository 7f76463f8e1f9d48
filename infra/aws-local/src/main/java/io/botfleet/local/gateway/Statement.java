package io.botfleet.local.gateway;

import java.util.List;

/**
 * One statement of a role's identity policy, resolved to local ARNs.
 *
 * @param policy the policy it comes from: an inline policy's name or an AWS managed policy's ARN
 */
public record Statement(String policy, boolean allow, List<IamPattern> actions, List<IamPattern> resources) {

    boolean matches(String action, String resource) {
        return actions.stream().anyMatch(a -> a.matches(action)) && resources.stream().anyMatch(r -> r.matches(resource));
    }

    public List<String> actionTexts() {
        return actions.stream().map(IamPattern::text).toList();
    }

    public List<String> resourceTexts() {
        return resources.stream().map(IamPattern::text).toList();
    }
}
