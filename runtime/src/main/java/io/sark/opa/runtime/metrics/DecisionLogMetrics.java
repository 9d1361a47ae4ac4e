package io.sark.opa.runtime.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.sark.opa.runtime.logs.DecisionLog;
import jakarta.inject.Singleton;

/** The decision log's meters, under {@code sark.opa.decision_logs.}; a bean only with quarkus-micrometer. */
@Startup
@Singleton
public class DecisionLogMetrics {

    DecisionLogMetrics(MeterRegistry meters, DecisionLog log) {
        FunctionCounter.builder("sark.opa.decision_logs.dropped", log, DecisionLog::dropped)
                .description("Decisions not logged: the buffer was full, or the event was larger than an upload may be")
                .register(meters);
        FunctionCounter.builder("sark.opa.decision_logs.sent", log, DecisionLog::sent)
                .description("Decision-log events the service accepted")
                .register(meters);
        FunctionCounter.builder("sark.opa.decision_logs.failed", log, DecisionLog::failedUploads)
                .description("Decision-log uploads that failed; their events stay buffered")
                .register(meters);
    }
}
