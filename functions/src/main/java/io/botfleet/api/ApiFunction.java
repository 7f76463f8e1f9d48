package io.botfleet.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.botfleet.shared.http.ApiGatewayHttp;
import java.util.function.Function;

/** The admin API function: translates the HTTP API event and hands it to the pipeline. */
public final class ApiFunction implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AdminApi api;

    public ApiFunction(AdminApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        return ApiGatewayHttp.toResponse(api.handle(ApiGatewayHttp.toRequest(event)));
    }
}
