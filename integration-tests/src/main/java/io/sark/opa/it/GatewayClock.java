package io.sark.opa.it;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clock whose time the gateway puts in each policy input. {@code gateway.clock.fixed} (an ISO instant) stops it,
 * so that tests and demos of time-window rules decide the same whenever they run.
 */
public class GatewayClock {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "gateway.clock.fixed") Optional<Instant> fixed) {
        return fixed.map(instant -> Clock.fixed(instant, ZoneOffset.UTC)).orElse(Clock.systemUTC());
    }
}
