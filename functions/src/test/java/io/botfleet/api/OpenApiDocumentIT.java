package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.json and the route table describe the same API. */
@LocalAws
class OpenApiDocumentIT {
    static List<Route> routes;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        routes = ApiHarness.start(stack).api.routes();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        List<String> table = routes.stream().map(r -> r.method() + " " + r.template()).sorted().toList();
        List<String> documented = OpenApiContract.DOCUMENT.operations().stream().sorted().toList();
        assertThat(documented).as("openapi.json operations vs the route table").containsExactlyInAnyOrderElementsOf(table);
    }

    @Test
    void securityAndPermissionsInTheDocumentMatchTheRouteTable() {
        for (Route r : routes) {
            var documented = OpenApiContract.DOCUMENT.operation(r.method(), r.template());
            if (documented.isEmpty()) {
                continue; // reported by everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute
            }
            JsonNode op = documented.get();
            String name = r.method() + " " + r.template();
            boolean documentedPublic = op.has("security") && op.get("security").isEmpty();
            assertThat(documentedPublic).as("%s public in openapi.json", name).isEqualTo(r.access().open());
            if (r.access() instanceof Route.Access.Requires req && op.has("x-permission")) {
                assertThat(op.get("x-permission").asText()).as("%s x-permission", name)
                        .isEqualTo(req.permission().name().toLowerCase(Locale.ROOT));
            }
            assertThat(op.path("responses").size()).as("%s responses", name).isPositive();
        }
    }

    @Test
    void theDocumentIsOpenApi31WithResolvableReferences() {
        JsonNode root = OpenApiContract.DOCUMENT.root();
        assertThat(root.path("openapi").asText()).isEqualTo("3.1.0");
        String text = root.toString();
        var m = java.util.regex.Pattern.compile("\"#/components/schemas/([A-Za-z0-9_]+)\"").matcher(text);
        while (m.find()) {
            assertThat(root.path("components").path("schemas").has(m.group(1))).as("schema %s", m.group(1)).isTrue();
        }
    }
}
