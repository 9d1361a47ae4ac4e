package io.sark.opa.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;

/**
 * One instance's linear memory over a {@link DataImage}: its 64 KiB pages start as the image's pages, shared
 * read-only with every other instance of the image, and a page is copied the first time this instance writes
 * to it. Pages the image holds no bytes for, and pages grown later, read as zeros until written. Reads cost
 * what they cost in Chicory's {@code ByteArrayMemory} (one page lookup); writes add a null check.
 * Not thread-safe, like the instance that owns it.
 */
final class CopyOnWriteMemory implements Memory {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SHIFT = 16;
    private static final int MASK = PAGE_SIZE - 1;
    /** Read by every page that was never written; never written itself. */
    static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    private final MemoryLimits limits;
    private final DataImage image;
    /** What reads see: the image's page, the zero page, or this instance's own copy. */
    private final byte[][] pages;
    /** This instance's own pages; null where a page is still shared (or past the end). */
    private final byte[][] own;
    private int nPages;
    private DataSegment[] dataSegments = new DataSegment[0];

    /**
     * A memory of the module's initial size, all zeros, whose instantiation writes the module's data segments: the
     * probe and the loading of data use it too, so that compiled code only ever meets one {@link Memory} class.
     */
    static CopyOnWriteMemory fresh(MemoryLimits limits) {
        CopyOnWriteMemory memory = new CopyOnWriteMemory(limits, DataImage.EMPTY);
        memory.grow(limits.initialPages());
        return memory;
    }

    CopyOnWriteMemory(MemoryLimits limits, DataImage image) {
        this.limits = limits;
        this.image = image;
        int max = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        this.pages = new byte[max][];
        this.own = new byte[max][];
        revert();
    }

    /** Back to the image: every page shared again, the image's size. */
    void revert() {
        java.util.Arrays.fill(pages, null);
        java.util.Arrays.fill(own, null);
        System.arraycopy(image.pages(), 0, pages, 0, image.pages().length);
        nPages = image.pages().length;
    }

    /** Pages this instance holds a copy of: its private memory beyond the shared image. */
    int ownPages() {
        int count = 0;
        for (int i = 0; i < nPages; i++) {
            count += own[i] != null ? 1 : 0;
        }
        return count;
    }

    private byte[] writable(int addr, int size) {
        int index = addr >>> SHIFT;
        if (index >= nPages) {
            throw outOfBounds(addr, size);
        }
        byte[] copy = pages[index] == ZERO_PAGE ? new byte[PAGE_SIZE] : pages[index].clone();
        pages[index] = copy;
        own[index] = copy;
        return copy;
    }

    private WasmRuntimeException outOfBounds(int addr, int size) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
                + " but limit is: " + (long) nPages * PAGE_SIZE + " and size: " + size);
    }

    private void checkBounds(int addr, int size) {
        if (addr < 0 || size < 0 || (long) addr + size > (long) nPages * PAGE_SIZE) {
            throw outOfBounds(addr, size);
        }
    }

    @Override
    public int pages() {
        return nPages;
    }

    @Override
    public int grow(int size) {
        int previous = nPages;
        long next = (long) previous + size;
        if (size < 0 || next > maximumPages()) {
            return -1;
        }
        for (int i = previous; i < next; i++) {
            pages[i] = ZERO_PAGE;
        }
        nPages = (int) next;
        return previous;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new WasmRuntimeException("wait on a memory that is not shared");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new WasmRuntimeException("wait on a memory that is not shared");
    }

    @Override
    public int notify(int address, int maxThreads) {
        return 0;
    }

    /**
     * Over an image, the active segments' bytes are already there: only passive ones are kept, for memory.init.
     * A {@link #fresh} memory writes the active ones, as Chicory's own memory does.
     */
    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        this.dataSegments = segments == null ? new DataSegment[0] : segments;
        if (image != DataImage.EMPTY) {
            return;
        }
        for (DataSegment segment : dataSegments) {
            if (segment instanceof ActiveDataSegment) {
                ActiveDataSegment active = (ActiveDataSegment) segment;
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                if (offset < 0 || (long) offset + active.data().length > (long) nPages * PAGE_SIZE) {
                    throw new UninstantiableException("out of bounds memory access: data segment at " + offset);
                }
                write(offset, active.data(), 0, active.data().length);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        if (offset < 0 || size < 0 || (long) offset + size > data.length) {
            throw new WasmRuntimeException("out of bounds memory access: " + size + " bytes from offset " + offset
                    + " of " + data.length);
        }
        checkBounds(addr, size);
        while (size > 0) {
            int at = addr & MASK;
            int chunk = Math.min(size, PAGE_SIZE - at);
            System.arraycopy(data, offset, page(addr), at, chunk);
            addr += chunk;
            offset += chunk;
            size -= chunk;
        }
    }

    /** The page holding {@code addr}, this instance's own; the address is known to be in bounds. */
    private byte[] page(int addr) {
        byte[] page = own[addr >>> SHIFT];
        return page != null ? page : writable(addr, 1);
    }

    @Override
    public byte read(int addr) {
        try {
            return pages[addr >>> SHIFT][addr & MASK];
        } catch (RuntimeException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkBounds(addr, len);
        byte[] result = new byte[len];
        int done = 0;
        while (done < len) {
            int at = (addr + done) & MASK;
            int chunk = Math.min(len - done, PAGE_SIZE - at);
            System.arraycopy(pages[(addr + done) >>> SHIFT], at, result, done, chunk);
            done += chunk;
        }
        return result;
    }

    /** Scans the pages themselves for the NUL: the default reads byte by byte through the interface, then copies. */
    @Override
    public String readCString(int addr, Charset charset) {
        int end = addr;
        while (true) {
            if (end < 0 || end >>> SHIFT >= nPages) {
                throw outOfBounds(end, 1);
            }
            byte[] page = pages[end >>> SHIFT];
            int at = end & MASK;
            int stop = at;
            while (stop < PAGE_SIZE && page[stop] != 0) {
                stop++;
            }
            end += stop - at;
            if (stop < PAGE_SIZE) {
                break;
            }
        }
        return end >>> SHIFT == addr >>> SHIFT
                ? new String(pages[addr >>> SHIFT], addr & MASK, end - addr, charset)
                : new String(readBytes(addr, end - addr), charset);
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            byte[] page = own[addr >>> SHIFT];
            (page != null ? page : writable(addr, 1))[addr & MASK] = data;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public short readShort(int addr) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 2) {
            try {
                return (short) SHORT.get(pages[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds(addr, 2);
            }
        }
        return (short) readAcross(addr, 2);
    }

    @Override
    public void writeShort(int addr, short data) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 2) {
            try {
                byte[] page = own[addr >>> SHIFT];
                SHORT.set(page != null ? page : writable(addr, 2), off, data);
                return;
            } catch (ArrayIndexOutOfBoundsException e) {
                throw outOfBounds(addr, 2);
            }
        }
        writeAcross(addr, data, 2);
    }

    @Override
    public int readInt(int addr) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 4) {
            try {
                return (int) INT.get(pages[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds(addr, 4);
            }
        }
        return (int) readAcross(addr, 4);
    }

    @Override
    public void writeI32(int addr, int data) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 4) {
            try {
                byte[] page = own[addr >>> SHIFT];
                INT.set(page != null ? page : writable(addr, 4), off, data);
                return;
            } catch (ArrayIndexOutOfBoundsException e) {
                throw outOfBounds(addr, 4);
            }
        }
        writeAcross(addr, data, 4);
    }

    @Override
    public long readLong(int addr) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 8) {
            try {
                return (long) LONG.get(pages[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds(addr, 8);
            }
        }
        return readAcross(addr, 8);
    }

    @Override
    public void writeLong(int addr, long data) {
        int off = addr & MASK;
        if (off <= PAGE_SIZE - 8) {
            try {
                byte[] page = own[addr >>> SHIFT];
                LONG.set(page != null ? page : writable(addr, 8), off, data);
                return;
            } catch (ArrayIndexOutOfBoundsException e) {
                throw outOfBounds(addr, 8);
            }
        }
        writeAcross(addr, data, 8);
    }

    /** A little-endian value of {@code size} bytes that straddles two pages. */
    private long readAcross(int addr, int size) {
        checkBounds(addr, size);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (read(addr + i) & 0xFF);
        }
        return value;
    }

    private void writeAcross(int addr, long value, int size) {
        checkBounds(addr, size);
        for (int i = 0; i < size; i++) {
            writeByte(addr + i, (byte) (value >>> (8 * i)));
        }
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeF32(int addr, float data) {
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public void writeF64(int addr, double data) {
        writeLong(addr, Double.doubleToRawLongBits(data));
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void zero() {
        for (int i = 0; i < nPages; i++) {
            pages[i] = ZERO_PAGE;
            own[i] = null;
        }
    }

    /** Fills {@code [fromIndex, toIndex)} with {@code value}. */
    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkBounds(fromIndex, toIndex - fromIndex);
        int addr = fromIndex;
        while (addr < toIndex) {
            int at = addr & MASK;
            int chunk = Math.min(toIndex - addr, PAGE_SIZE - at);
            java.util.Arrays.fill(page(addr), at, at + chunk, value);
            addr += chunk;
        }
    }

    /** memory.copy; overlapping ranges copy as if through a temporary buffer. */
    @Override
    public void copy(int dest, int src, int size) {
        checkBounds(src, size);
        checkBounds(dest, size);
        if (dest <= src || dest >= src + size) {
            int done = 0;
            while (done < size) {
                done += copyChunk(dest + done, src + done, size - done);
            }
        } else { // dest overlaps the source's end: copy from the back
            int left = size;
            while (left > 0) {
                int chunk = Math.min(left, Math.min(((dest + left - 1) & MASK) + 1, ((src + left - 1) & MASK) + 1));
                copyChunkExact(dest + left - chunk, src + left - chunk, chunk);
                left -= chunk;
            }
        }
    }

    private int copyChunk(int dest, int src, int size) {
        int chunk = Math.min(size, Math.min(PAGE_SIZE - (dest & MASK), PAGE_SIZE - (src & MASK)));
        copyChunkExact(dest, src, chunk);
        return chunk;
    }

    private void copyChunkExact(int dest, int src, int chunk) {
        byte[] to = page(dest); // first: copying a shared page may replace the source page with the same bytes
        System.arraycopy(pages[src >>> SHIFT], src & MASK, to, dest & MASK, chunk);
    }
}
