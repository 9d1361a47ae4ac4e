package io.sark.opa.engine;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.util.Arrays;

/**
 * A policy instance's state right after its data was loaded: the linear memory's pages and the mutable globals
 * (stack pointer, heap pointer), with the addresses of the data and of the heap above it. Built once per policy
 * and data document; every {@link OpaInstance} of that policy then starts from it over a {@link CopyOnWriteMemory},
 * so the parsed data is held once however many instances there are. Immutable once built.
 */
final class DataImage {

    /** No pages: what a {@link CopyOnWriteMemory#fresh} memory starts from. */
    static final DataImage EMPTY = new DataImage(new byte[0][], new long[0], 0, 0);

    private final byte[][] pages;
    private final long[] globals;
    private final int dataAddr;
    private final int baseHeap;

    DataImage(byte[][] pages, long[] globals, int dataAddr, int baseHeap) {
        this.pages = pages;
        this.globals = globals;
        this.dataAddr = dataAddr;
        this.baseHeap = baseHeap;
    }

    /** An instance with the policy's data parsed into memory of its own: how instances begin without a shared image. */
    record Loaded(ModuleShape.Live live, int dataAddr, int baseHeap) {}

    static Loaded load(OpaPolicy policy) {
        ModuleShape.Live live = ModuleShape.instantiate(policy.name, policy.module, policy.machineFactory,
                CopyOnWriteMemory.fresh(policy.memoryLimits), policy.builtinsById);
        live.host().startEvaluation(new EvaluationContext(policy));
        AbiExports abi = live.abi();
        if (policy.strictBuiltinErrors && abi.strictBuiltinErrorsSet != null) {
            abi.strictBuiltinErrorsSet.apply(1);
        }
        int dataAddr = abi.parseJsonDroppingText(policy.data);
        if (dataAddr == 0) {
            throw new PolicyLoadException("policy '" + policy.name + "': the module rejected its data document");
        }
        return new Loaded(live, dataAddr, (int) abi.heapPtrGet.apply()[0]);
    }

    /** Loads the policy's data once and keeps the result; pages of zeros are not kept. */
    static DataImage of(OpaPolicy policy) {
        Loaded loaded = load(policy);
        Instance instance = loaded.live().instance();
        Memory memory = instance.memory();
        byte[][] pages = new byte[memory.pages()][];
        for (int i = 0; i < pages.length; i++) {
            byte[] page = memory.readBytes(i * Memory.PAGE_SIZE, Memory.PAGE_SIZE);
            pages[i] = Arrays.equals(page, CopyOnWriteMemory.ZERO_PAGE) ? CopyOnWriteMemory.ZERO_PAGE : page;
        }
        long[] globals = new long[instance.globalCount()];
        for (int i = 0; i < globals.length; i++) {
            globals[i] = instance.global(i).getValue();
        }
        return new DataImage(pages, globals, loaded.dataAddr(), loaded.baseHeap());
    }

    /** A new instance whose memory and globals are this image's; its writes stay its own. */
    Loaded instantiate(OpaPolicy policy) {
        CopyOnWriteMemory memory = new CopyOnWriteMemory(policy.memoryLimits, this);
        ModuleShape.Live live = ModuleShape.instantiate(policy.name, policy.module, policy.machineFactory, memory,
                policy.builtinsById);
        memory.revert(); // whatever a start function wrote is already in the image
        Instance instance = live.instance();
        for (int i = 0; i < globals.length; i++) {
            GlobalInstance global = instance.global(i);
            if (global.getMutabilityType() == MutabilityType.Var) {
                global.setValue(globals[i]);
            }
        }
        return new Loaded(live, dataAddr, baseHeap);
    }

    /** The pages, shared: callers never write to them. */
    byte[][] pages() {
        return pages;
    }

    /** Bytes held by the image's pages that are not all zeros. */
    long retainedBytes() {
        return Arrays.stream(pages).filter(p -> p != CopyOnWriteMemory.ZERO_PAGE).count() * Memory.PAGE_SIZE;
    }
}
