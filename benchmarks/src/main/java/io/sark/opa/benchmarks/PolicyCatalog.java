package io.sark.opa.benchmarks;

import io.sark.opa.bundle.PolicyFolder;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.ir.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The realistic policies benchmarked by name: the sample gateway's plan bundles ({@code plan:<bundle>@<entrypoint>})
 * and Rego policies ({@code rego:…}) found in the policy folder at run time, and a few heavy conformance plans
 * ({@code conformance:…}). Gateway policies are asked with a realistic request input of about 1.5 KB.
 * {@code main} prints the names available here, comma-separated, for JMH's {@code -p policy=}.
 */
public final class PolicyCatalog {

    static final int REALISTIC_INPUT_BYTES = 1536;

    private PolicyCatalog() {}

    static Path policiesDir() {
        return Path.of(System.getProperty("sark.policies.dir", "policies"));
    }

    public static void main(String[] args) {
        System.out.println(String.join(",", names()));
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (PolicySource source : planBundles()) {
            for (var plan : PlanReader.read(source.origin(), source.module()).plans()) {
                names.add("plan:" + source.name() + "@" + plan.name());
            }
        }
        names.addAll(RegoPolicies.names(policiesDir()));
        names.addAll(ConformancePicks.names());
        return names;
    }

    static BenchPolicy load(String name) {
        byte[] input = GatewayInputs.ofSize(REALISTIC_INPUT_BYTES);
        if (name.startsWith("rego:")) {
            return RegoPolicies.load(policiesDir(), name, input);
        }
        if (name.startsWith("conformance:")) {
            return ConformancePicks.load(name);
        }
        String[] parts = name.substring("plan:".length()).split("@", 2);
        PolicySource source = planBundles().stream().filter(s -> s.name().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no plan bundle '" + parts[0] + "' in " + policiesDir()));
        Policy plan = PlanReader.read(source.origin(), source.module());
        return new BenchPolicy(name, OwnPipeline.compilePlan(source.name(), plan),
                new String(source.data(), java.nio.charset.StandardCharsets.UTF_8), parts[1], input);
    }

    private static List<PolicySource> planBundles() {
        return PolicyFolder.discover(policiesDir()).stream()
                .filter(s -> s.kind() == PolicySource.Kind.PLAN)
                .toList();
    }
}
