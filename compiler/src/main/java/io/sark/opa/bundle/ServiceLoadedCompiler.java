package io.sark.opa.bundle;

import io.sark.opa.engine.PolicySourceCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PolicySourceCompiler} for policies activated at run time: the bundle's files read as at build time
 * ({@link BundleReader}), compiled by {@link PolicyCompiler}. Rego's entrypoints are those its METADATA marks.
 */
public final class ServiceLoadedCompiler implements PolicySourceCompiler {

    @Override
    public byte[] toWasm(String origin, Map<String, byte[]> files) {
        Map<String, byte[]> keyed = new LinkedHashMap<>();
        files.forEach((path, bytes) -> keyed.put(BundleReader.normalize(path), bytes));
        return PolicyCompiler.toWasm(BundleReader.read(origin, origin, keyed), List.of()).wasm();
    }
}
