package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status reports to a service the configuration does not define stop the application at start, by name. */
class StatusUnknownServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.status.service", "missing")
            .assertException(e -> {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).hasMessage("quarkus.sark-opa.status.service names 'missing', which is not "
                        + "configured under quarkus.sark-opa.services");
            });

    @Test
    void theApplicationDoesNotStart() {
        // the assertion is on the start-up failure above
    }
}
