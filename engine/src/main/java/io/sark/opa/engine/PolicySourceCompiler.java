package io.sark.opa.engine;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Compiles a bundle's {@code plan.json} or Rego files to an OPA-ABI wasm module while the application runs. The
 * artifact {@code io.sark:sark-opa-compiler} provides it (a {@link ServiceLoader} service), so an application
 * that does not depend on it carries no compiler.
 */
public interface PolicySourceCompiler {

    /** The artifact that provides the compiler, as error messages name it. */
    String ARTIFACT = "io.sark:sark-opa-compiler";

    /**
     * @param origin names the bundle in error messages
     * @param files the bundle's policy files and {@code .manifest}, by path inside the bundle ({@code a/b.rego})
     * @return the wasm module
     * @throws RuntimeException whose message names the file and the problem
     */
    byte[] toWasm(String origin, Map<String, byte[]> files);

    /** The compiler on the class path, if any. */
    static Optional<PolicySourceCompiler> find() {
        return ServiceLoader.load(PolicySourceCompiler.class, PolicySourceCompiler.class.getClassLoader())
                .findFirst();
    }
}
