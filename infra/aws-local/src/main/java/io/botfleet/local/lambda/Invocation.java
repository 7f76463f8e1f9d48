package io.botfleet.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * What one invoke returned, as the Lambda Invoke API reports it: the payload, and for a failed invocation the
 * function error ("Unhandled") with the runtime's error document as payload.
 */
public record Invocation(byte[] payload, String functionError) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Invocation success(byte[] payload) {
        return new Invocation(payload, null);
    }

    public static Invocation failure(String errorType, String errorMessage) {
        ObjectNode error = JSON.createObjectNode().put("errorType", errorType).put("errorMessage", errorMessage);
        return new Invocation(error.toString().getBytes(StandardCharsets.UTF_8), "Unhandled");
    }

    public boolean failed() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload of a successful invocation; a failed one throws with the runtime's error document. */
    public byte[] orThrow() {
        if (failed()) {
            throw new FunctionFailedException(payloadText());
        }
        return payload;
    }

    /** A function answered with an error (Lambda's FunctionError: Unhandled). */
    public static final class FunctionFailedException extends RuntimeException {
        public FunctionFailedException(String errorDocument) {
            super("function error: " + errorDocument);
        }
    }
}
