package io.botfleet.local.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The wire protocol of each service the gateway fronts: how to read a request's IAM action and resource, and how
 * AWS shapes an error (so the SDK raises the same exception, with the same error code, as against AWS).
 */
enum Protocol {
    DYNAMODB(Map.of(
            AwsError.ACCESS_DENIED, new Shape(400, "com.amazon.coral.service#AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(400, "com.amazon.coral.service#UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", null))),
    /** SQS's JSON protocol is query-compatible: the SDK takes the error code from x-amzn-query-error. */
    SQS(Map.of(
            AwsError.ACCESS_DENIED, new Shape(400, "com.amazon.coral.service#AccessDeniedException", "AccessDenied;Sender"),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(403, "com.amazon.coral.service#UnrecognizedClientException", "InvalidClientTokenId;Sender"),
            AwsError.INTERNAL_ERROR, new Shape(500, "com.amazon.coral.service#InternalFailure", "InternalFailure;Receiver"),
            AwsError.MESSAGE_TOO_LONG, new Shape(400, "com.amazon.coral.service#InvalidParameterValueException", "InvalidParameterValue;Sender"),
            AwsError.BATCH_TOO_LONG, new Shape(400, "com.amazonaws.sqs#BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong;Sender"))),
    SECRETS_MANAGER(Map.of(
            AwsError.ACCESS_DENIED, new Shape(400, "AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(400, "UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "InternalServiceError", null))),
    /** S3 answers REST errors as XML with a code. */
    S3(Map.of(
            AwsError.ACCESS_DENIED, new Shape(403, "AccessDenied", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(403, "InvalidAccessKeyId", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "InternalError", null))),
    /** API Gateway's management API of WebSocket APIs (REST-JSON: the error type in x-amzn-ErrorType). */
    EXECUTE_API(Map.of(
            AwsError.ACCESS_DENIED, new Shape(403, "AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(403, "UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "InternalServerErrorException", null))),
    /** EventBridge Scheduler (REST-JSON: the error type in x-amzn-ErrorType). */
    SCHEDULER(Map.of(
            AwsError.ACCESS_DENIED, new Shape(403, "AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(403, "UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "InternalServerException", null))),
    /** CloudWatch Logs (JSON 1.1). */
    LOGS(Map.of(
            AwsError.ACCESS_DENIED, new Shape(400, "AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(400, "UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "ServiceUnavailableException", null),
            AwsError.INVALID_PARAMETER, new Shape(400, "InvalidParameterException", null))),
    /** Any other service moto hosts (JSON protocols): AWS's common errors. */
    OTHER(Map.of(
            AwsError.ACCESS_DENIED, new Shape(400, "AccessDeniedException", null),
            AwsError.UNRECOGNIZED_CLIENT, new Shape(400, "UnrecognizedClientException", null),
            AwsError.INTERNAL_ERROR, new Shape(500, "InternalFailure", null)));

    private static final ObjectMapper json = new ObjectMapper();

    private record Shape(int status, String type, String queryError) {}

    private final Map<AwsError, Shape> shapes;

    Protocol(Map<AwsError, Shape> shapes) {
        this.shapes = shapes;
    }

    static Protocol of(String service) {
        return switch (service == null ? "" : service) {
            case "dynamodb" -> DYNAMODB;
            case "sqs" -> SQS;
            case "secretsmanager" -> SECRETS_MANAGER;
            case "s3" -> S3;
            case "execute-api" -> EXECUTE_API;
            case "scheduler" -> SCHEDULER;
            case "logs" -> LOGS;
            default -> OTHER;
        };
    }

    /** The authorizations the request needs; {@code secretArns} resolves secret names to the ARNs the stack gave them. */
    List<Access> accesses(AwsCall call, Map<String, String> secretArns) {
        return switch (this) {
            case DYNAMODB -> DynamoDbRequests.accesses(call.target(), call.json());
            case SQS -> SqsRequests.accesses(call.target(), call.json());
            case SECRETS_MANAGER -> SecretsManagerRequests.accesses(call.target(), call.json(), secretArns);
            case S3 -> S3Requests.accesses(call);
            case EXECUTE_API -> ManageConnectionsRequests.accesses(call);
            case SCHEDULER -> SchedulerRequests.accesses(call);
            case LOGS -> LogsRequests.accesses(call.target(), call.json());
            case OTHER -> List.of(new Access(call.service() + ":" + otherOperation(call), "*"));
        };
    }

    private static String otherOperation(AwsCall call) {
        String target = call.target();
        if (target != null) {
            return target;
        }
        return call.query().getOrDefault("Action", call.method());
    }

    ErrorResponse error(AwsError error, String message) {
        Shape shape = shapes.get(error);
        if (shape == null) {
            throw new IllegalArgumentException(this + " has no " + error);
        }
        if (this == S3) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + shape.type() + "</Code><Message>"
                    + escapeXml(message) + "</Message></Error>";
            return new ErrorResponse(shape.status(), "application/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
        }
        try {
            byte[] body = json.writeValueAsBytes(Map.of("__type", shape.type(), "message", message));
            Map<String, String> headers = shape.queryError() != null ? Map.of("x-amzn-query-error", shape.queryError())
                    : this == EXECUTE_API || this == SCHEDULER ? Map.of("x-amzn-ErrorType", shape.type()) : Map.of();
            return new ErrorResponse(shape.status(), "application/x-amz-json-1.0", headers, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
