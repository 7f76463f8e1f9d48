package io.botfleet.local.junit;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link LocalAws}. One stack per test JVM, closed when the run ends. */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalAwsStack stack = stack(context);
        if (!context.getRoot().getStore(NAMESPACE).getOrDefault("fresh", Boolean.class, false)) {
            stack.reset();
        }
        context.getRoot().getStore(NAMESPACE).put("fresh", false);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAwsStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static LocalAwsStack stack(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent("stack", key -> {
            store.put("fresh", true);
            String moto = System.getenv("AWS_ENDPOINT_URL");
            return new ClosingStack(LocalAwsStack.start(
                    SamTemplate.load(SamTemplate.locate()),
                    moto == null ? null : URI.create(moto), 0));
        }, ClosingStack.class).stack();
    }

    /**
     * Closes the stack when JUnit closes the root store at the end of the run, after writing what each function's
     * role used, was denied and was granted without use (target/iam-report.txt, and the console).
     */
    private record ClosingStack(LocalAwsStack stack) implements AutoCloseable {
        @Override
        public void close() {
            try {
                System.out.println(stack.writeIamReport(Path.of("target", "iam-report.txt")));
            } finally {
                stack.close();
            }
        }
    }
}
