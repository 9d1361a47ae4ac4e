package io.sark.opa.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The remote URL keeps each entrypoint segment a path segment: nothing in it becomes a query or a fragment. */
class DataApiUrlTest {

    @Test
    void segmentsArePathSegments() {
        assertThat(DataApiUrl.of("http://opa:8181", "opa/wasm/test/allowed"))
                .isEqualTo("http://opa:8181/v1/data/opa/wasm/test/allowed");
        assertThat(DataApiUrl.of("http://opa:8181/", "")).isEqualTo("http://opa:8181/v1/data");
    }

    @Test
    void delimitersInASegmentAreEncoded() {
        URI uri = URI.create(DataApiUrl.of("https://opa:8181", "a/b?x=1#f/c d+e%"));
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getRawPath()).isEqualTo("/v1/data/a/b%3Fx%3D1%23f/c%20d%2Be%25");
    }
}
