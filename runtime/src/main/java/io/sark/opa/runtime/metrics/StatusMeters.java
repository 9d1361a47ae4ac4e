package io.sark.opa.runtime.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.sark.opa.runtime.status.StatusReporter;
import jakarta.inject.Singleton;

/** The status reports' meters, under {@code sark.opa.status.}; a bean only with quarkus-micrometer. */
@Startup
@Singleton
public class StatusMeters {

    StatusMeters(MeterRegistry meters, StatusReporter reporter) {
        FunctionCounter.builder("sark.opa.status.sent", reporter, StatusReporter::sent)
                .description("Status reports the status service accepted")
                .register(meters);
        FunctionCounter.builder("sark.opa.status.failed", reporter, StatusReporter::failed)
                .description("Attempts to send a status report that failed; the report is sent again later")
                .register(meters);
    }
}
