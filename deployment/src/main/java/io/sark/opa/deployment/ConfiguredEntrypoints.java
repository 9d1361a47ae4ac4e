package io.sark.opa.deployment;

import io.sark.opa.bundle.PolicySource;
import io.sark.opa.bundle.RegoEntrypoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code quarkus.sark-opa.entrypoints} shared out among the Rego policies whose rules they name, and with
 * {@code quarkus.sark-opa.all-entrypoints} every document each Rego policy defines.
 */
final class ConfiguredEntrypoints {

    static final String KEY = "quarkus.sark-opa.entrypoints";

    private ConfiguredEntrypoints() {}

    /**
     * Policy name to the configured entrypoints it defines, in the modules' form ({@code a/b}); an entrypoint no Rego policy defines fails the build.
     * With {@code all}, each Rego policy also gets every document it defines that no other Rego policy defines too
     * (an entrypoint has one policy).
     */
    static Map<String, List<String>> byPolicy(List<String> configured, boolean all, List<PolicySource> sources) {
        Map<String, List<String>> out = new HashMap<>();
        if (all) {
            List<PolicySource> rego = sources.stream().filter(s -> s.kind() == PolicySource.Kind.REGO).toList();
            Map<String, List<String>> every = rego.stream().collect(Collectors.toMap(PolicySource::name,
                    s -> RegoEntrypoints.every(s.regoModules())));
            Map<String, Long> owners = every.values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            every.forEach((name, documents) -> out.put(name, new ArrayList<>(
                    documents.stream().filter(d -> owners.get(d) == 1).toList())));
        }
        for (String entrypoint : configured) {
            List<String> owners = sources.stream()
                    .filter(s -> s.kind() == PolicySource.Kind.REGO && RegoEntrypoints.defines(s.regoModules(), entrypoint))
                    .map(PolicySource::name).toList();
            if (owners.isEmpty()) {
                throw new PolicyBuildException(KEY + ": entrypoint '" + entrypoint
                        + "' names no rule of the Rego policies " + sources.stream()
                                .filter(s -> s.kind() == PolicySource.Kind.REGO).map(PolicySource::origin).toList());
            }
            owners.forEach(name -> out.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(RegoEntrypoints.normalize(entrypoint)));
        }
        out.replaceAll((name, entrypoints) -> List.copyOf(new LinkedHashSet<>(entrypoints)));
        return out;
    }
}
