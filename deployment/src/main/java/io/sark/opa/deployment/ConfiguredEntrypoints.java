package io.sark.opa.deployment;

import io.sark.opa.bundle.PolicySource;
import io.sark.opa.bundle.RegoEntrypoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code quarkus.sark-opa.entrypoints} shared out among the Rego policies whose rules they name. */
final class ConfiguredEntrypoints {

    static final String KEY = "quarkus.sark-opa.entrypoints";

    private ConfiguredEntrypoints() {}

    /** Policy name to the configured entrypoints it defines; an entrypoint no Rego policy defines fails the build. */
    static Map<String, List<String>> byPolicy(List<String> configured, List<PolicySource> sources) {
        Map<String, List<String>> out = new HashMap<>();
        for (String entrypoint : configured) {
            List<String> owners = sources.stream()
                    .filter(s -> s.kind() == PolicySource.Kind.REGO && RegoEntrypoints.defines(s.regoModules(), entrypoint))
                    .map(PolicySource::name).toList();
            if (owners.isEmpty()) {
                throw new PolicyBuildException(KEY + ": entrypoint '" + entrypoint
                        + "' names no rule of the Rego policies " + sources.stream()
                                .filter(s -> s.kind() == PolicySource.Kind.REGO).map(PolicySource::origin).toList());
            }
            owners.forEach(name -> out.computeIfAbsent(name, n -> new ArrayList<>()).add(entrypoint));
        }
        return out;
    }
}
