package io.botfleet.local;

import java.util.Map;

/**
 * What a logical resource of template.yaml became in the emulators: the value of {@code !Ref} and its
 * {@code !GetAtt} attributes, exactly what CloudFormation would hand to the functions' environment.
 */
public record PhysicalResource(String logicalId, String type, String ref, Map<String, String> attributes) {

    public String attribute(String name) {
        String value = attributes.get(name);
        if (value == null) {
            throw new IllegalArgumentException(logicalId + " has no attribute " + name + " locally; known: " + attributes.keySet());
        }
        return value;
    }
}
