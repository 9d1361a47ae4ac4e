package io.sark.opa.bundle;

import java.util.List;

/**
 * One policy found in the policy folder, read and merged but not yet compiled.
 *
 * @param name unique name of the policy (bundle or file name without extension)
 * @param origin the file or folder it came from, for error messages
 * @param kind what {@code module} holds
 * @param module the wasm module ({@link Kind#WASM}) or the plan JSON ({@link Kind#PLAN})
 * @param data the merged {@code data} document as JSON
 * @param entrypoints entrypoints the manifest declares (empty when it declares none)
 * @param revision the manifest's revision, or empty
 */
public record PolicySource(String name, String origin, Kind kind, byte[] module, byte[] data, List<String> entrypoints,
        String revision) {

    public enum Kind {
        /** A wasm module speaking OPA's ABI, as {@code opa build -t wasm} makes. */
        WASM,
        /** OPA's IR plan, as {@code opa build -t plan} makes: compiled to wasm by the plan compiler. */
        PLAN
    }
}
