package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OPA's heap contract: heap pointer reset per evaluation, block stash around data updates, data paths. */
class HeapTest {
    OpaWasm opa;

    @BeforeEach
    void setUp() {
        opa = OpaWasm.runtime();
    }

    @Test
    void heapPointerResetReusesMemory() {
        int start = opa.calli("opa_heap_ptr_get");
        assertThat(start % 16).isZero();
        assertThat(start).isGreaterThanOrEqualTo(opa.calli("opa_static_end"));
        int a = opa.calli("opa_malloc", 100);
        assertThat(a).isGreaterThan(start);
        assertThat(opa.calli("opa_heap_ptr_get")).isGreaterThanOrEqualTo(a + 100);
        opa.call("opa_heap_ptr_set", start);
        assertThat(opa.calli("opa_malloc", 100)).isEqualTo(a);
    }

    /**
     * OPA's JavaScript SDK writes the input at the heap pointer and sets the pointer just past it, whatever the
     * input's length: blocks allocated after an unaligned pointer must still be freeable (OPA's own runtime
     * accepts any pointer a host sets).
     */
    @Test
    void anyHeapPointerTheHostSetsIsAccepted() {
        int start = opa.calli("opa_heap_ptr_get");
        for (int offset = 1; offset < 8; offset++) {
            opa.call("opa_heap_ptr_set", start + offset);
            int a = opa.calli("opa_malloc", 13);
            int b = opa.calli("opa_malloc", 300);
            assertThat(a).isGreaterThanOrEqualTo(start + offset);
            assertThat(a % 8).isZero();
            assertThat(b % 8).isZero();
            opa.call("opa_free", a);
            opa.call("opa_free", b);
            assertThat(opa.calli("opa_malloc", 13)).isEqualTo(a);
        }
    }

    @Test
    void freedBlocksAreReusedOnce() {
        int a = opa.calli("opa_malloc", 40);
        int guard = opa.calli("opa_malloc", 8);
        opa.call("opa_free", a);
        assertThat(opa.calli("opa_malloc", 36)).isEqualTo(a);
        assertThat(opa.calli("opa_malloc", 36)).isNotEqualTo(a).isGreaterThan(guard);
        assertThatThrownBy(() -> opa.call("opa_free", guard + 4)).isInstanceOf(OpaWasm.Abort.class)
                .hasMessageContaining("opa_free");
        opa.call("opa_free", guard);
        assertThatThrownBy(() -> opa.call("opa_free", guard)).isInstanceOf(OpaWasm.Abort.class);
    }

    /** The Go SDK's sequence: data loaded and stashed once, then heap reset + restore before each evaluation. */
    @Test
    void stashAndRestoreAroundEvaluations() {
        int data = opa.parse("{\"roles\": {\"alice\": \"admin\"}}");
        int scratch = opa.calli("opa_malloc", 64);
        int keep = opa.calli("opa_malloc", 8);
        opa.call("opa_free", scratch); // a free block below the data heap pointer
        opa.call("opa_heap_blocks_stash");
        int evalBase = opa.calli("opa_heap_ptr_get");
        assertThat(keep).isLessThan(evalBase);

        for (int i = 0; i < 5; i++) {
            opa.call("opa_heap_ptr_set", evalBase);
            opa.call("opa_heap_blocks_restore");
            int block = opa.calli("opa_malloc", 64);
            // the stashed block is handed out at most once, never twice across evaluations
            if (i == 0) {
                assertThat(block).isEqualTo(scratch);
            } else {
                assertThat(block).isGreaterThanOrEqualTo(evalBase);
            }
            opa.memory.write(block, new byte[64]);
            for (int k = 0; k < 50; k++) {
                opa.parse("{\"x\": [1, 2, 3], \"y\": \"" + "z".repeat(k) + "\"}");
            }
            assertThat(opa.dump(data)).isEqualTo("{\"roles\":{\"alice\":\"admin\"}}");
        }
        opa.call("opa_heap_stash_clear");
        opa.call("opa_heap_ptr_set", evalBase);
        opa.call("opa_heap_blocks_restore");
        assertThat(opa.calli("opa_malloc", 64)).isGreaterThanOrEqualTo(evalBase);
    }

    @Test
    void addAndRemovePaths() {
        int data = opa.parse("{\"a\": {\"b\": 123}}");
        assertThat(opa.calli("opa_value_add_path", data, opa.parse("[\"a\", \"x\", \"y\"]"), opa.parse("{\"foo\": \"bar\"}")))
                .isZero();
        assertThat(opa.dump(data)).isEqualTo("{\"a\":{\"b\":123,\"x\":{\"y\":{\"foo\":\"bar\"}}}}");
        assertThat(opa.calli("opa_value_add_path", data, opa.parse("[\"a\", \"b\"]"), opa.parse("5"))).isZero();
        assertThat(opa.dump(data)).isEqualTo("{\"a\":{\"b\":5,\"x\":{\"y\":{\"foo\":\"bar\"}}}}");
        // through a non-object: OPA_ERR_INVALID_PATH, data unchanged
        assertThat(opa.calli("opa_value_add_path", data, opa.parse("[\"a\", \"b\", \"c\"]"), opa.parse("1"))).isEqualTo(3);
        assertThat(opa.calli("opa_value_add_path", opa.parse("[]"), opa.parse("[\"a\"]"), opa.parse("1"))).isEqualTo(2);
        assertThat(opa.calli("opa_value_add_path", data, opa.parse("[]"), opa.parse("1"))).isEqualTo(3);
        assertThat(opa.dump(data)).isEqualTo("{\"a\":{\"b\":5,\"x\":{\"y\":{\"foo\":\"bar\"}}}}");

        assertThat(opa.calli("opa_value_remove_path", data, opa.parse("[\"a\", \"x\", \"y\"]"))).isZero();
        assertThat(opa.dump(data)).isEqualTo("{\"a\":{\"b\":5,\"x\":{}}}");
        assertThat(opa.calli("opa_value_remove_path", data, opa.parse("[\"nope\", \"x\"]"))).isZero();
        assertThat(opa.calli("opa_value_remove_path", data, opa.parse("[\"a\", \"b\", \"c\"]"))).isEqualTo(3);
        assertThat(opa.calli("opa_value_remove_path", data, opa.parse("[\"a\"]"))).isZero();
        assertThat(opa.dump(data)).isEqualTo("{}");
    }

    @Test
    void manyKeysAddedAndRemovedStayFindable() {
        int data = opa.parse("{}");
        for (int i = 0; i < 300; i++) {
            opa.call("opa_value_add_path", data, opa.parse("[\"k" + i + "\", \"v\"]"), opa.parse(Integer.toString(i)));
        }
        for (int i = 0; i < 300; i += 2) {
            opa.call("opa_value_remove_path", data, opa.parse("[\"k" + i + "\"]"));
        }
        assertThat(opa.calli("opa_value_length", data)).isEqualTo(150);
        for (int i = 0; i < 300; i++) {
            int v = opa.calli("opa_value_get", data, opa.parse("\"k" + i + "\""));
            assertThat(v != 0).as("k" + i).isEqualTo(i % 2 == 1);
        }
    }

    @Test
    void memoryGrowsAndFailsCleanlyAtTheHostLimit() {
        int before = opa.memory.pages();
        int big = opa.calli("opa_malloc", 3 * 65536);
        assertThat(opa.memory.pages()).isGreaterThan(before);
        opa.memory.write(big + 3 * 65536 - 1, new byte[] {1});

        OpaWasm small = new OpaWasm(OpaWasm.resource(OpaWasm.RUNTIME), 8);
        assertThatThrownBy(() -> small.calli("opa_malloc", 16 * 65536)).isInstanceOf(OpaWasm.Abort.class)
                .hasMessage("opa_malloc: out of memory");
        assertThat(small.calli("opa_malloc", 16)).isNotZero(); // still usable
    }
}
