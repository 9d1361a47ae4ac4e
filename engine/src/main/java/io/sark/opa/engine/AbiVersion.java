package io.sark.opa.engine;

/** Version of OPA's wasm ABI that a module declares through its {@code opa_wasm_abi_*} globals. */
public record AbiVersion(int major, int minor) {

    /** Oldest and newest minor versions of ABI 1 this host speaks. */
    static final int NEWEST_MINOR = 3;

    /** ABI 1.2 added {@code opa_eval}: input, evaluation and result in one call. */
    boolean hasOneCallEval() {
        return major == 1 && minor >= 2;
    }

    boolean isSupported() {
        return major == 1 && minor >= 0 && minor <= NEWEST_MINOR;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
