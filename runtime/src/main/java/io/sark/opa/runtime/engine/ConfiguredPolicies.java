package io.sark.opa.runtime.engine;

import java.util.List;

/** The names of the policies the application was built with: what readiness waits for. */
public record ConfiguredPolicies(List<String> names) {

    public ConfiguredPolicies {
        names = List.copyOf(names);
    }
}
