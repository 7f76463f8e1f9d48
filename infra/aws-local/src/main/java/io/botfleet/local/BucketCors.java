package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.local.gateway.S3Cors;
import io.botfleet.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's buckets' {@code CorsConfiguration}s, resolved the way CloudFormation would deploy them with these
 * parameter values (origins are usually {@code !Ref} of a parameter): by physical bucket name.
 */
final class BucketCors {
    private BucketCors() {}

    static Map<String, S3Cors> read(SamTemplate template, Map<String, PhysicalResource> resources, Map<String, String> parameters) {
        TemplateEnvironment values = new TemplateEnvironment(template, resources, parameters, Map.of());
        Map<String, S3Cors> out = new LinkedHashMap<>();
        template.resourcesOfType(ResourceProvisioner.BUCKET).forEach((id, bucket) -> {
            Object configuration = bucket.property("CorsConfiguration");
            PhysicalResource physical = resources.get(id);
            if (configuration == null || physical == null) {
                return;
            }
            List<S3Cors.Rule> rules = list(map(configuration).get("CorsRules")).stream().map(r -> {
                Map<String, Object> rule = map(r);
                Object maxAge = rule.get("MaxAge");
                return new S3Cors.Rule(strings(values, rule.get("AllowedOrigins")), strings(values, rule.get("AllowedMethods")),
                        strings(values, rule.get("AllowedHeaders")), strings(values, rule.get("ExposedHeaders")),
                        maxAge == null ? null : Integer.valueOf(values.resolve(maxAge)));
            }).toList();
            out.put(physical.ref(), new S3Cors(rules));
        });
        return out;
    }

    private static List<String> strings(TemplateEnvironment values, Object items) {
        return list(items).stream().map(values::resolve).toList();
    }
}
