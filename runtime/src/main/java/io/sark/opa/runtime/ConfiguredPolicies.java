package io.sark.opa.runtime;

import jakarta.inject.Singleton;
import java.util.List;

/** The names of the policies the application was built with: what readiness waits for. */
@Singleton
public class ConfiguredPolicies {

    private volatile List<String> names = List.of();

    public List<String> names() {
        return names;
    }

    void set(List<String> names) {
        this.names = List.copyOf(names);
    }
}
