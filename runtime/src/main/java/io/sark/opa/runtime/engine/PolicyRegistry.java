package io.sark.opa.runtime.engine;

import io.sark.opa.engine.UnknownEntrypointException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The policies of the application, and which one answers each entrypoint. Immutable. */
public final class PolicyRegistry {

    private final List<LoadedPolicy> policies;
    private final Map<String, LoadedPolicy> byEntrypoint;

    public PolicyRegistry(List<LoadedPolicy> policies) {
        this.policies = List.copyOf(policies);
        this.byEntrypoint = policies.stream()
                .flatMap(p -> p.policy().entrypoints().keySet().stream().map(e -> Map.entry(e, p)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
                    throw new IllegalStateException("policies '" + a.name() + "' and '" + b.name()
                            + "' share an entrypoint");
                }));
    }

    public Collection<LoadedPolicy> policies() {
        return policies;
    }

    /** Whether some policy has {@code entrypoint}. */
    public boolean has(String entrypoint) {
        return byEntrypoint.containsKey(entrypoint);
    }

    /** The policy that has {@code entrypoint}; names the known entrypoints when none has it. */
    public LoadedPolicy policyFor(String entrypoint) {
        LoadedPolicy policy = byEntrypoint.get(entrypoint);
        if (policy == null) {
            throw new UnknownEntrypointException("no policy has the entrypoint '" + EntrypointPath.label(entrypoint) + "'; known: "
                    + (byEntrypoint.isEmpty() ? "none (no policy is loaded)" : new TreeSet<>(byEntrypoint.keySet())));
        }
        return policy;
    }
}
