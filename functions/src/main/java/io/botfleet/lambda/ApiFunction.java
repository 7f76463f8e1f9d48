package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.botfleet.api.AdminApi;
import io.botfleet.shared.http.ApiGatewayHttp;
import java.util.function.Function;
import org.slf4j.MDC;

/** The admin API function: translates the HTTP API event and hands it to the pipeline. */
public final class ApiFunction implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AdminApi api;

    public ApiFunction(AdminApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        // API Gateway's request id: what a caller quotes, and what every line of this request carries
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            MDC.put("correlation_id", event.getRequestContext().getRequestId());
        }
        return ApiGatewayHttp.toResponse(api.handle(ApiGatewayHttp.toRequest(event)));
    }
}
