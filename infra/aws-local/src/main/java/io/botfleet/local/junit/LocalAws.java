package io.botfleet.local.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the local AWS stack: the emulators start once per test run, every resource of
 * template.yaml exists, and state is reset before each test class. Inject {@link io.botfleet.local.LocalAwsStack}
 * as a parameter of a test, constructor or lifecycle method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface LocalAws {}
