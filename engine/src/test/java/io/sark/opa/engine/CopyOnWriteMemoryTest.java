package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The copy-on-write memory reads and writes as Chicory's own memory does, and never writes to its image. */
class CopyOnWriteMemoryTest {

    private static final int PAGE = Memory.PAGE_SIZE;

    private static byte[][] imagePages() {
        byte[] page = new byte[PAGE];
        new Random(7).nextBytes(page);
        return new byte[][] {page, page.clone(), CopyOnWriteMemory.ZERO_PAGE};
    }

    private static CopyOnWriteMemory over(byte[][] pages) {
        return new CopyOnWriteMemory(new MemoryLimits(3, 8), new DataImage(pages, new long[0], 0, 0));
    }

    /** Chicory's memory with the same bytes, the reference every operation is compared with. */
    private static Memory reference(byte[][] pages) {
        Memory memory = new ByteArrayMemory(new MemoryLimits(3, 8));
        for (int i = 0; i < pages.length; i++) {
            memory.write(i * PAGE, pages[i]);
        }
        return memory;
    }

    @Test
    void valuesAcrossPageEdgesReadAndWriteAsInChicorysMemory() {
        byte[][] image = imagePages();
        byte[][] pristine = {image[0].clone(), image[1].clone(), CopyOnWriteMemory.ZERO_PAGE.clone()};
        CopyOnWriteMemory memory = over(image);
        Memory expected = reference(image);
        for (int addr = PAGE - 9; addr < PAGE + 2; addr++) {
            assertThat(memory.readLong(addr)).isEqualTo(expected.readLong(addr));
            assertThat(memory.readInt(addr)).isEqualTo(expected.readInt(addr));
            assertThat(memory.readShort(addr)).isEqualTo(expected.readShort(addr));
        }
        for (Memory m : new Memory[] {memory, expected}) {
            m.writeLong(PAGE - 3, 0x0102030405060708L);
            m.writeI32(2 * PAGE - 2, 0x0a0b0c0d);
            m.writeShort(2 * PAGE + 7, (short) 0x7f7e);
            m.copy(PAGE - 100, PAGE - 150, 120); // overlapping, forwards, across the edge
            m.copy(PAGE + 10, PAGE - 20, 100); // overlapping, backwards
            m.fill((byte) 3, 2 * PAGE + 100, 2 * PAGE + 200);
        }
        assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(expected.readBytes(0, 3 * PAGE));
        assertThat(image).isDeepEqualTo(pristine);
        assertThat(memory.ownPages()).isEqualTo(3);
    }

    @Test
    void accessPastTheEndFailsAsOutOfBoundsAndGrownPagesReadAsZeros() {
        CopyOnWriteMemory memory = over(imagePages());
        assertThatThrownBy(() -> memory.readInt(3 * PAGE)).isInstanceOf(WasmRuntimeException.class)
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> memory.writeI32(3 * PAGE - 2, 1)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.writeByte(-1, (byte) 1)).isInstanceOf(WasmRuntimeException.class);
        assertThat(memory.grow(1)).isEqualTo(3);
        assertThat(memory.readLong(3 * PAGE + 8)).isZero();
        memory.writeLong(3 * PAGE + 8, 42);
        assertThat(memory.readLong(3 * PAGE + 8)).isEqualTo(42);
        assertThat(memory.grow(5)).isEqualTo(-1);
        memory.revert();
        assertThat(memory.pages()).isEqualTo(3);
        assertThat(memory.ownPages()).isZero();
    }

    @Test
    void cStringsReadAsInChicorysMemoryWithinAPageAcrossAnEdgeAndUpToTheEnd() {
        byte[][] image = imagePages();
        CopyOnWriteMemory memory = over(image);
        Memory expected = reference(image);
        for (Memory m : new Memory[] {memory, expected}) {
            m.write(100, "décision\0".getBytes(StandardCharsets.UTF_8));
            m.write(PAGE - 4, "across\0".getBytes(StandardCharsets.UTF_8));
            m.writeByte(PAGE + 50, (byte) 0);
            m.writeByte(2 * PAGE + 5, (byte) 0);
        }
        for (int addr : new int[] {100, 108, PAGE - 4, PAGE + 3, 2 * PAGE + 5}) {
            assertThat(memory.readCString(addr)).isEqualTo(expected.readCString(addr));
        }
        assertThat(memory.readCString(100)).isEqualTo("décision");
        assertThat(memory.readCString(PAGE - 4)).isEqualTo("across");
        memory.fill((byte) 'x', 2 * PAGE, 3 * PAGE); // no NUL before the end of memory
        assertThatThrownBy(() -> memory.readCString(3 * PAGE - 10)).isInstanceOf(WasmRuntimeException.class)
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> memory.readCString(-1)).isInstanceOf(WasmRuntimeException.class);
    }
}
