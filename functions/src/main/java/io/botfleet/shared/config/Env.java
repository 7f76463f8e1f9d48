package io.botfleet.shared.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a function was started with. Functions read configuration only from here (names as
 * in template.yaml); the local runner hands each function its own map, so many functions share one JVM.
 */
public record Env(Map<String, String> variables) {

    public Env {
        variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (see template.yaml)");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    public String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public Optional<URI> uri(String name) {
        return optional(name).map(URI::create);
    }
}
