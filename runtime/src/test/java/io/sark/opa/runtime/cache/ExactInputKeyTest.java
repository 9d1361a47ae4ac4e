package io.sark.opa.runtime.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact-bytes key tells inputs apart by their bytes, and its hash spreads them as a map needs. */
class ExactInputKeyTest {

    private static ExactInputKey key(String input) {
        return new ExactInputKey("p", "r", "f", "a/b", input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void inputsThatDifferInOneByteAnywhereHaveDistinctHashes() {
        // requests alike but for a counter, at every offset from the first byte to past the 32-byte blocks
        Set<Integer> hashes = new HashSet<>();
        int inputs = 0;
        for (int width = 1; width <= 80; width++) {
            for (int n = 0; n < 1000; n++) {
                String padding = "x".repeat(width);
                hashes.add(key("{\"i\":" + n + ",\"p\":\"" + padding + "\"}").hashCode());
                hashes.add(key("{\"p\":\"" + padding + "\",\"i\":" + n + "}").hashCode());
                inputs += 2;
            }
        }
        assertThat(hashes.size()).isGreaterThan(inputs - inputs / 1000);
        assertThat(key("").hashCode()).isNotEqualTo(key("\u0000").hashCode()); // trailing zero bytes count
    }

    @Test
    void equalBytesMakeEqualKeysAndAnyOtherPartTellsThemApart() {
        byte[] input = "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        ExactInputKey key = new ExactInputKey("p", "r", "f", "a/b", input);
        assertThat(key).isEqualTo(key("{\"user\":\"alice\"}")).isEqualTo(key.kept());
        assertThat(key).isNotEqualTo(key("{\"user\":\"alicf\"}"))
                .isNotEqualTo(new ExactInputKey("q", "r", "f", "a/b", input))
                .isNotEqualTo(new ExactInputKey("p", "s", "f", "a/b", input))
                .isNotEqualTo(new ExactInputKey("p", "r", "g", "a/b", input))
                .isNotEqualTo(new ExactInputKey("p", "r", "f", "a/c", input));
    }
}
