package io.botfleet.local.lambda;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The class path of Lambda's java21 runtime: the runtime interface client with aws-lambda-java-core and
 * aws-lambda-java-serialization, and nothing of the function's. Taken from this JVM's own class path, where the
 * local stack's dependencies put them.
 */
final class RuntimeClasspath {
    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private RuntimeClasspath() {}

    static String get() {
        return RUNTIME_CLASSES.stream().map(RuntimeClasspath::jarOf).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static String jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException(className + " is not loaded from a jar (" + location + ")");
            }
            return location.toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the Lambda runtime interface client is not on the class path", e);
        }
    }
}
