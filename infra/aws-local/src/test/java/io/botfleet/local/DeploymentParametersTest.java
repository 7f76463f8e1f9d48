package io.botfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's environment overrides become the template parameters they stand for, and only those. */
class DeploymentParametersTest {

    @Test
    void theDashboardOriginGivenToTheFunctionsIsTheParameterTheBucketsSee() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Map<String, String> parameters = LocalDeployment.parametersOf(template,
                Map.of("DASHBOARD_ORIGIN", "http://127.0.0.1:9001", "PUBLIC_BASE_URL", "http://127.0.0.1:9001"));
        assertThat(parameters).containsEntry("DashboardOrigin", "http://127.0.0.1:9001");
        assertThat(parameters.values()).containsOnly("http://127.0.0.1:9001");
        assertThat(parameters).doesNotContainKey("PUBLIC_BASE_URL");
    }
}
