package io.sark.opa.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entrypoints are rule and package paths: OPA's names are vars, letters, digits and '_' (v1/ast/scanner.go
 * isLetter/isDigit), plus '-' for names written as strings. Nothing else can name a compiled entrypoint, so a
 * path holding anything else is refused before any engine, embedded or remote, sees it.
 */
class EntrypointPathTest {

    @ParameterizedTest
    @ValueSource(strings = { "opa/wasm/test/allowed", "opa.wasm.test.allowed", "data.opa.wasm.test.allowed",
            "/data/opa/wasm/test/allowed/", "opa/wasm/test/allowed" })
    void theSpellingsOfOneEntrypointAgree(String path) {
        assertThat(EntrypointPath.normalize(path)).isEqualTo("opa/wasm/test/allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "tool-access/allow", "a_b/C9" })
    void dashesUnderscoresAndDigitsAreNames(String path) {
        assertThat(EntrypointPath.normalize(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "opa/wasm/test/allowed#x", "opa/wasm/test/allowed?a=1", "opa/wasm/%2e%2e/allowed",
            "opa//allowed", "opa..allowed", "opa/ allowed", "opa/al\nlowed", "opa/all\u00e9", "a/\u0000b" })
    void aPathNoEntrypointCanHaveIsRefused(String path) {
        assertThatThrownBy(() -> EntrypointPath.normalize(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid entrypoint path");
    }

    @ParameterizedTest
    @ValueSource(strings = { "data", "/data/", "data." })
    void theRootIsEmptyAndNamedData(String path) {
        assertThat(EntrypointPath.normalize(path)).isEmpty();
        assertThat(EntrypointPath.label(EntrypointPath.normalize(path))).isEqualTo("data");
    }
}
