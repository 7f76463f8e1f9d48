package io.botfleet.live;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes through API Gateway's management API ({@code POST @connections/{id}}; 410 Gone means the client left) and
 * closes connections ({@code DELETE @connections/{id}}).
 */
public final class AwsLivePush implements LivePush, ConnectionCloser {
    private final ApiGatewayManagementApiClient client;

    public AwsLivePush(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public Result push(String connectionId, LiveMessage message) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(LiveMessageJson.encode(message))));
            return Result.DELIVERED;
        } catch (GoneException e) {
            return Result.GONE;
        }
    }

    @Override
    public void close(String connectionId) {
        try {
            client.deleteConnection(b -> b.connectionId(connectionId));
        } catch (GoneException e) {
            // already closed
        }
    }
}
