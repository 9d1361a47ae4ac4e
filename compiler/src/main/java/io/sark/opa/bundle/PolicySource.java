package io.sark.opa.bundle;

import io.sark.opa.rego.RegoModule;
import java.util.List;

/**
 * One policy found in the policy folder, read and merged but not yet compiled.
 *
 * @param name unique name of the policy (bundle or file name without extension)
 * @param origin the file or folder it came from, for error messages
 * @param kind what {@code module} holds
 * @param module the wasm module ({@link Kind#WASM}) or the plan JSON ({@link Kind#PLAN}); empty for {@link Kind#REGO}
 * @param data the merged {@code data} document as JSON
 * @param entrypoints entrypoints the manifest declares, or for Rego those its METADATA marks (empty when none)
 * @param revision the manifest's revision, or empty
 * @param regoModules the parsed Rego modules ({@link Kind#REGO}), otherwise empty
 * @param roots the manifest's {@code roots}, slash-separated data paths the bundle owns; empty when it names
 *     none (the bundle owns the whole tree)
 */
public record PolicySource(String name, String origin, Kind kind, byte[] module, byte[] data, List<String> entrypoints,
        String revision, List<RegoModule> regoModules, List<String> roots) {

    public PolicySource {
        entrypoints = List.copyOf(entrypoints);
        regoModules = List.copyOf(regoModules);
        roots = List.copyOf(roots);
    }

    public PolicySource(String name, String origin, Kind kind, byte[] module, byte[] data, List<String> entrypoints,
            String revision, List<RegoModule> regoModules) {
        this(name, origin, kind, module, data, entrypoints, revision, regoModules, List.of());
    }

    public PolicySource(String name, String origin, Kind kind, byte[] module, byte[] data, List<String> entrypoints,
            String revision) {
        this(name, origin, kind, module, data, entrypoints, revision, List.of());
    }

    public enum Kind {
        /** A wasm module speaking OPA's ABI, as {@code opa build -t wasm} makes. */
        WASM,
        /** OPA's IR plan, as {@code opa build -t plan} makes: compiled to wasm by the plan compiler. */
        PLAN,
        /** Rego source: compiled to a plan by the Rego compiler, then to wasm by the plan compiler. */
        REGO
    }
}
