package io.sark.opa.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** OPA's demo-policy.wasm (inside opa-java-wasm), its data and the inputs every benchmark shares. */
final class DemoPolicy {

    static final String ENTRYPOINT = "opa/wasm/test/allowed";
    static final String DATA = "{\"role\":{\"alice\":\"admin\",\"bob\":\"user\"}}";
    /** The 16-byte input of the speed targets. */
    static final String SMALL_INPUT = "{\"user\":\"alice\"}";

    private DemoPolicy() {}

    static byte[] wasm() {
        try (InputStream in = DemoPolicy.class.getResourceAsStream("/demo-policy.wasm")) {
            if (in == null) {
                throw new IllegalStateException("demo-policy.wasm is not on the classpath (com.styra.opa:opa-java-wasm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
