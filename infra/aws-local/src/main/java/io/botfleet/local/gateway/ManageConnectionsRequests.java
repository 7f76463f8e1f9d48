package io.botfleet.local.gateway;

import java.util.List;

/**
 * Calls to a WebSocket API's management endpoint ({@code /{apiId}/{stage}/@connections/{id}} on the gateway): IAM's
 * {@code execute-api:ManageConnections} on {@code arn:aws:execute-api:region:account:apiId/stage/METHOD/@connections/id}.
 */
final class ManageConnectionsRequests {
    private ManageConnectionsRequests() {}

    /** A management call: which API it is for, and the path the API's own endpoint serves ({@code /{stage}/@connections/{id}}). */
    record Target(String apiId, String stagePath) {}

    static Target target(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        if (slash < 0 || !path.contains("/@connections/")) {
            throw new IllegalArgumentException("not a management API path: " + rawPath);
        }
        return new Target(path.substring(0, slash), path.substring(slash));
    }

    static List<Access> accesses(AwsCall call) {
        Target t = target(call.rawPath());
        String stagePath = t.stagePath().substring(1);
        int at = stagePath.indexOf("/@connections/");
        String resource = "arn:aws:execute-api:" + AwsArns.REGION + ":" + AwsArns.ACCOUNT + ":" + t.apiId() + "/"
                + stagePath.substring(0, at) + "/" + call.method() + stagePath.substring(at);
        return List.of(new Access("execute-api:ManageConnections", resource));
    }
}
