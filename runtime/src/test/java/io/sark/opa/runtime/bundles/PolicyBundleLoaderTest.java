package io.sark.opa.runtime.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.engine.PolicySourceCompiler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Policies from bundles made ready to run: this module's tests have our compiler (a test dependency) but not
 * Chicory's, so the machine chosen is the interpreter; the opt-in compiler turns Rego into a module; without it,
 * Rego is refused naming the dependency; a module importing a builtin the application lacks is refused naming it.
 */
class PolicyBundleLoaderTest {

    private static final String REGO = """
            package gate

            # METADATA
            # entrypoint: true
            allow := input.user == data.gate.admin
            """;
    // regex.match is a host builtin (engine/.../builtins), imported by the module
    private static final String REGEX = """
            package gate

            # METADATA
            # entrypoint: true
            allow := regex.match("^a", input.user)
            """;

    private final PolicySourceCompiler compiler = PolicySourceCompiler.find().orElseThrow();

    @Test
    void withoutChicorysCompilerOnTheClassPathPoliciesAreInterpreted() {
        assertThat(RuntimeMachines.detect().compiled()).isFalse();
        assertThat(RuntimeMachines.compilerIn(ClassLoader.getSystemClassLoader()).compiled())
                .isEqualTo(ClassLoader.getSystemClassLoader().getResource(
                        RuntimeMachines.COMPILER_CLASS.replace('.', '/') + ".class") != null);
    }

    @Test
    void aWasmModuleRunsOverTheBundlesDataOnTheInterpreter() {
        byte[] wasm = compiler.toWasm("test", Map.of("gate.rego", bytes(REGO)));
        PolicyBundleLoader.Loaded loaded = loader(Builtins.defaults(), Optional.empty())
                .load("gate", bundle(Map.of("policy.wasm", wasm), "alice"));
        assertThat(loaded.policy().name()).isEqualTo("gate");
        assertThat(decide(loaded.policy(), "alice")).isEqualTo("[{\"result\":true}]");
        assertThat(decide(loaded.policy(), "bob")).isEqualTo("[{\"result\":false}]");
    }

    @Test
    void theFingerprintChangesWithTheModuleUnderTheSameData() {
        byte[] one = compiler.toWasm("test", Map.of("gate.rego", bytes(REGO)));
        byte[] two = compiler.toWasm("test", Map.of("gate.rego", bytes(REGO.replace("==", "!="))));
        PolicyBundleLoader loader = loader(Builtins.defaults(), Optional.empty());
        assertThat(loader.load("gate", bundle(Map.of("policy.wasm", one), "alice")).fingerprint())
                .isNotEqualTo(loader.load("gate", bundle(Map.of("policy.wasm", two), "alice")).fingerprint());
    }

    @Test
    void regoIsCompiledWhenTheApplicationHasTheCompiler() {
        PolicyBundleLoader.Loaded loaded = loader(Builtins.defaults(), Optional.of(compiler))
                .load("gate", bundle(Map.of("policy/gate.rego", bytes(REGO)), "bob"));
        assertThat(decide(loaded.policy(), "bob")).isEqualTo("[{\"result\":true}]");
    }

    @Test
    void regoWithoutTheCompilerIsRefusedNamingTheFileAndTheDependency() {
        assertThatThrownBy(() -> loader(Builtins.defaults(), Optional.empty())
                .load("gate", bundle(Map.of("policy/gate.rego", bytes(REGO)), "bob")))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("policy/gate.rego: compiling plan.json or Rego at run time needs the "
                        + "dependency io.sark:sark-opa-compiler");
    }

    @Test
    void aModuleImportingABuiltinTheApplicationLacksIsRefusedNamingIt() {
        byte[] wasm = compiler.toWasm("test", Map.of("gate.rego", bytes(REGEX)));
        PolicyBundleLoader lacking = loader(Builtins.empty(), Optional.empty());
        assertThatThrownBy(() -> lacking.load("gate", bundle(Map.of("policy.wasm", wasm), "a")))
                .isInstanceOf(BundleException.class)
                .hasMessage("policy 'gate' needs builtin regex.match that no host implementation provides");
        assertThat(decide(loader(Builtins.defaults(), Optional.empty())
                .load("gate", bundle(Map.of("policy.wasm", wasm), "a")).policy(), "abc"))
                .isEqualTo("[{\"result\":true}]");
    }

    @Test
    void twoModulesAreRefused() {
        byte[] wasm = compiler.toWasm("test", Map.of("gate.rego", bytes(REGO)));
        assertThatThrownBy(() -> loader(Builtins.defaults(), Optional.empty())
                .load("gate", bundle(Map.of("a/policy.wasm", wasm, "b/policy.wasm", wasm), "a")))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("holds 2 wasm modules [a/policy.wasm, b/policy.wasm]");
    }

    private static PolicyBundleLoader loader(Builtins builtins, Optional<PolicySourceCompiler> compiler) {
        return new PolicyBundleLoader(builtins, RuntimeMachines.detect(), compiler, b -> b);
    }

    private static DataBundle bundle(Map<String, byte[]> files, String admin) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("gate").put("admin", admin);
        return new DataBundle("r1", List.of(""), data, List.of(), new java.util.TreeMap<>(files));
    }

    private static String decide(OpaPolicy policy, String user) {
        return policy.newInstance().evaluate("gate/allow", bytes("{\"user\": \"" + user + "\"}"), Duration.ZERO);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
