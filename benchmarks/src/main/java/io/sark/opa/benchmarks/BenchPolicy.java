package io.sark.opa.benchmarks;

/** A policy under benchmark: its OPA-ABI module, data document, the entrypoint decided and the input asked. */
record BenchPolicy(String name, byte[] wasm, String data, String entrypoint, byte[] input) {
}
