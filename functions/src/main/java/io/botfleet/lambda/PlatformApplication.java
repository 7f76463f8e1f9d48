package io.botfleet.lambda;

import io.botfleet.shared.config.Env;
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Spring Cloud Function entry point for every non-hot-path function (FunctionInvoker with
 * SPRING_CLOUD_FUNCTION_DEFINITION). Functional registration, no classpath scanning, for a short cold start; each
 * bean is built only when its definition is the one being run.
 */
@SpringBootConfiguration
public class PlatformApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        Env env = Env.system();
        String selected = env.orDefault("SPRING_CLOUD_FUNCTION_DEFINITION",
                System.getProperty("spring.cloud.function.definition", ""));
        for (FunctionCatalog.SpringFunction function : FunctionCatalog.springFunctions()) {
            if (!selected.isEmpty() && !selected.equals(function.name())) {
                continue;
            }
            context.registerBean(function.name(), FunctionRegistration.class, () ->
                    new FunctionRegistration<>(function.factory().apply(env), function.name())
                            .type(ResolvableType.forClassWithGenerics(Function.class, ResolvableType.forType(function.input()),
                                    ResolvableType.forClass(function.output())).getType()));
        }
    }
}
