package io.botfleet.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml, read as the local stack's only description of resources: the runner and the tests create
 * exactly what it declares, so the template cannot drift from what developers run.
 */
public final class SamTemplate {

    private final Path source;
    private final Map<String, Object> root;

    private SamTemplate(Path source, Map<String, Object> root) {
        this.source = source;
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new CfnConstructor()).load(reader);
            return new SamTemplate(file, root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Finds template.yaml in the working directory or one of its parents (tests run from module folders). */
    public static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("template.yaml");
            if (Files.isRegularFile(candidate) && Files.isDirectory(d.resolve("functions"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + dir);
    }

    /** The file this template was read from (SAM's own translator reads it too). */
    public Path source() {
        return source;
    }

    public Map<String, Resource> resources() {
        Map<String, Resource> out = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, body) -> {
            Map<String, Object> res = map(body);
            out.put(id, new Resource(id, String.valueOf(res.get("Type")), map(res.get("Properties"))));
        });
        return out;
    }

    public Map<String, Resource> resourcesOfType(String type) {
        Map<String, Resource> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (r.type().equals(type)) {
                out.put(id, r);
            }
        });
        return out;
    }

    /** Default values of the template's parameters. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, body) -> {
            Object def = map(body).get("Default");
            out.put(name, def == null ? "" : String.valueOf(def));
        });
        return out;
    }

    /** Globals.Function (merged by SAM into every function). */
    public Map<String, Object> functionGlobals() {
        return map(map(root.get("Globals")).get("Function"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** One entry of Resources. */
    public record Resource(String logicalId, String type, Map<String, Object> properties) {
        public Object property(String name) {
            return properties.get(name);
        }
    }

    /** Understands CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, ...). */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            for (String tag : List.of("Ref", "GetAtt", "Sub", "If", "Equals", "Join", "Select", "Split", "Not",
                    "And", "Or", "Condition", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs")) {
                yamlConstructors.put(new Tag("!" + tag), new IntrinsicConstruct(tag));
            }
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            private final String tag;

            IntrinsicConstruct(String tag) {
                this.tag = tag;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode s -> constructScalar(s);
                    case SequenceNode s -> constructSequence(s);
                    case MappingNode m -> constructMapping(m);
                    default -> throw new IllegalArgumentException("unexpected node " + node);
                };
                return switch (tag) {
                    case "Ref" -> new Intrinsic.Ref(String.valueOf(value));
                    case "GetAtt" -> Intrinsic.getAtt(value);
                    case "Sub" -> value instanceof String s ? new Intrinsic.Sub(s) : new Intrinsic.Other(tag, value);
                    default -> new Intrinsic.Other(tag, value);
                };
            }
        }
    }
}
