package io.botfleet.local.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function as template.yaml declares it, resolved for the local stack: what Lambda would read from the
 * deployed function's configuration.
 *
 * @param environment the function's own variables (template, local endpoints, role credentials); the host adds
 *                    the variables Lambda reserves for itself
 */
public record FunctionSpec(String logicalId, String handler, Path codeUri, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
    }
}
