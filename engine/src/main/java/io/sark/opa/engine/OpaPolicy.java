package io.sark.opa.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A loaded OPA policy module: validated once, then a template for {@link OpaInstance}s. Thread-safe: the
 * module, its compiled machine and its data are shared. The data is parsed once into a {@link DataImage} that
 * every instance's linear memory starts from and shares until it writes; each instance's heap is its own.
 */
public final class OpaPolicy {

    /** 64 MiB of linear memory unless configured otherwise. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;
    /** 1 MiB of input JSON unless configured otherwise. */
    public static final int DEFAULT_MAX_INPUT_BYTES = 1 << 20;

    final String name;
    final WasmModule module;
    final Function<Instance, Machine> machineFactory;
    final byte[] data;
    final MemoryLimits memoryLimits;
    final boolean strictBuiltinErrors;
    final Consumer<String> printHook;
    final int maxInputBytes;
    final boolean oneCallEval;
    final boolean hostBuiltInput;
    private final InputPaths inputPaths;
    private final ModuleShape shape;
    final Builtin[] builtinsById;
    /** The parsed data every instance shares; null when each instance parses its own copy. */
    private final DataImage image;

    private OpaPolicy(Builder builder, ModuleShape shape, Builtin[] builtinsById) {
        this.name = builder.name;
        this.module = builder.module;
        this.machineFactory = builder.machineFactory;
        this.data = builder.data;
        this.memoryLimits = builder.memoryLimits;
        this.strictBuiltinErrors = builder.strictBuiltinErrors;
        this.printHook = builder.printHook;
        this.maxInputBytes = builder.maxInputBytes;
        this.oneCallEval = builder.oneCallEval && shape.version().hasOneCallEval();
        this.hostBuiltInput = builder.hostBuiltInput;
        this.inputPaths = builder.inputProjection ? shape.inputPaths() : InputPaths.ALL;
        this.shape = shape;
        this.builtinsById = builtinsById;
        this.image = builder.sharedData ? DataImage.of(this) : null;
    }

    // the same module, machine, builtins and limits over another data document
    private OpaPolicy(OpaPolicy template, byte[] data) {
        this.name = template.name;
        this.module = template.module;
        this.machineFactory = template.machineFactory;
        this.data = data;
        this.memoryLimits = template.memoryLimits;
        this.strictBuiltinErrors = template.strictBuiltinErrors;
        this.printHook = template.printHook;
        this.maxInputBytes = template.maxInputBytes;
        this.oneCallEval = template.oneCallEval;
        this.hostBuiltInput = template.hostBuiltInput;
        this.inputPaths = template.inputPaths;
        this.shape = template.shape;
        this.builtinsById = template.builtinsById;
        this.image = template.image != null ? DataImage.of(this) : null;
    }

    public static Builder builder(String name, WasmModule module) {
        return new Builder(name, module);
    }

    /** Policy name used in every error message (bundle or file name). */
    public String name() {
        return name;
    }

    /** Entrypoint name (as the module's {@code entrypoints()} export gives it, e.g. {@code opa/wasm/test/allowed}) to id. */
    public Map<String, Integer> entrypoints() {
        return shape.entrypoints();
    }

    /** Builtin names the module imports from the host, by id. */
    public Map<String, Integer> importedBuiltins() {
        return shape.builtinIds();
    }

    /** The parts of input each entrypoint can read (all of it unless the module's compiler said less). */
    public InputPaths inputPaths() {
        return inputPaths;
    }

    /**
     * The parts of {@code inputJson} that {@code entrypoint} reads (see {@link InputPaths}): evaluating them decides
     * as evaluating all of it does, so they also key cached decisions; checked, so an instance does not scan them again.
     * The input itself, unchecked, when the entrypoint reads all of it or it is not JSON the host accepts (evaluating it
     * scans it and reports why).
     */
    public InputAsRead inputAsRead(String entrypoint, byte[] inputJson) {
        // an entrypoint that reads all of input keeps it as it is; the instance checks it on its one scan
        if (inputJson == null || inputJson.length > maxInputBytes || inputPaths.of(entrypoint).whole()) {
            return InputAsRead.of(inputJson);
        }
        ReadInput read = read(entrypoint, inputJson);
        return read.problem() == null ? InputAsRead.checked(read.json()) : InputAsRead.of(inputJson);
    }

    /** The parts of input an entrypoint reads, or what keeps the input from being read at all. */
    record ReadInput(byte[] json, JsonText.Problem problem) {}

    /** Checks {@code inputJson} and, on the same scan, keeps only the parts {@code entrypoint} reads. */
    ReadInput read(String entrypoint, byte[] inputJson) {
        InputScanner.Result scan = InputScanner.scan(inputJson, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS,
                inputPaths.of(entrypoint));
        return new ReadInput(scan.json(), scan.problem());
    }

    /** ABI version of the module, e.g. 1.3. */
    public AbiVersion abiVersion() {
        return shape.version();
    }

    /** Size of the policy's data document as loaded, in bytes of JSON ({@code 0} when it has none). */
    public int dataBytes() {
        return data == null ? 0 : data.length;
    }

    /** The policy's data document as loaded, JSON (a copy). */
    public byte[] dataJson() {
        return data.clone();
    }

    /**
     * This policy over another data document: the module, its compiled machine, builtins and limits are shared,
     * so no validation of the module runs again. The data is checked to be JSON and, when instances share it,
     * parsed once into a new image for this policy's instances; existing instances keep theirs.
     */
    public OpaPolicy withData(byte[] dataJson) {
        byte[] copy = Objects.requireNonNull(dataJson, "data of policy " + name).clone();
        ModuleShape.checkDataIsJson(name, copy);
        return new OpaPolicy(this, copy);
    }

    /** Upper bound of each instance's linear memory, in 64 KiB pages. */
    public int maxMemoryPages() {
        return memoryLimits.maximumPages();
    }

    /** A new wasm instance with the policy's data loaded. Not thread-safe; one per thread or pooled. */
    public OpaInstance newInstance() {
        return new OpaInstance(this, image);
    }

    /** Whether instances share one parsed copy of the data ({@link Builder#withSharedData(boolean)}). */
    public boolean sharesData() {
        return image != null;
    }

    /** Bytes the shared image of the parsed data holds (0 when instances do not share it). */
    public long sharedDataBytes() {
        return image == null ? 0 : image.retainedBytes();
    }

    int entrypointId(String entrypoint) {
        Integer id = shape.entrypoints().get(entrypoint);
        if (id == null) {
            throw new UnknownEntrypointException("policy '" + name + "' has no entrypoint '" + entrypoint
                    + "'; it has " + shape.entrypoints().keySet());
        }
        return id;
    }

    public static final class Builder {
        private final String name;
        private final WasmModule module;
        private Function<Instance, Machine> machineFactory;
        private byte[] data = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        private Builtins builtins;
        private int maxMemoryPages = DEFAULT_MAX_MEMORY_PAGES;
        private MemoryLimits memoryLimits;
        private boolean strictBuiltinErrors;
        private Consumer<String> printHook;
        private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private boolean oneCallEval = true;
        private boolean inputProjection = true;
        private boolean hostBuiltInput = true;
        private boolean sharedData = true;

        private Builder(String name, WasmModule module) {
            this.name = Objects.requireNonNull(name, "policy name");
            this.module = Objects.requireNonNull(module, "module of policy " + name);
        }

        /** Compiled machine (from classes Chicory generated at build time); interpreter when not set. */
        public Builder withMachineFactory(Function<Instance, Machine> machineFactory) {
            this.machineFactory = machineFactory;
            return this;
        }

        /** The base {@code data} document as JSON bytes; {@code {}} when not set. */
        public Builder withData(byte[] dataJson) {
            this.data = Objects.requireNonNull(dataJson, "data of policy " + name);
            return this;
        }

        /** Host implementations for the module's imported builtins; defaults to {@link Builtins#defaults()}. */
        public Builder withBuiltins(Builtins builtins) {
            this.builtins = builtins;
            return this;
        }

        /** Upper bound of linear memory in 64 KiB pages. */
        public Builder withMaxMemoryPages(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("max memory pages of policy " + name + " must be positive: " + pages);
            }
            this.maxMemoryPages = pages;
            return this;
        }

        /** OPA's strict builtin errors: a failing builtin fails the evaluation instead of being undefined. */
        public Builder withStrictBuiltinErrors(boolean strict) {
            this.strictBuiltinErrors = strict;
            return this;
        }

        /**
         * Where each line {@code print} writes goes, as OPA's print hook takes it; when not set, to the
         * {@code io.sark.opa.print} logger at INFO, prefixed with the policy's name.
         */
        public Builder withPrintHook(Consumer<String> printHook) {
            this.printHook = printHook;
            return this;
        }

        /** Largest input JSON accepted, in bytes; larger input fails with {@link InvalidInputException}. */
        public Builder withMaxInputBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max input bytes of policy " + name + " must be positive: " + bytes);
            }
            this.maxInputBytes = bytes;
            return this;
        }

        /**
         * Whether to use ABI 1.2's one-call {@code opa_eval} when the module has it (the default). Off forces the
         * classic {@code opa_eval_ctx_*} path, which older modules always take.
         */
        public Builder withOneCallEval(boolean oneCallEval) {
            this.oneCallEval = oneCallEval;
            return this;
        }

        /**
         * Whether each entrypoint gets only the parts of input it can read, when the module says which (the default).
         * Off passes all of input, as modules without that section always get.
         */
        public Builder withInputProjection(boolean inputProjection) {
            this.inputProjection = inputProjection;
            return this;
        }

        /**
         * Whether input reaches the modules that can take it ({@code sark_eval_input_value}) as values the host lays
         * out (the default); off, it goes as JSON text the module parses, as OPA's own modules always get it.
         */
        public Builder withHostBuiltInput(boolean hostBuiltInput) {
            this.hostBuiltInput = hostBuiltInput;
            return this;
        }

        /**
         * Whether instances share one read-only image of the parsed data (the default), each copying only the
         * memory pages it writes; off, each instance parses the data into memory of its own.
         */
        public Builder withSharedData(boolean sharedData) {
            this.sharedData = sharedData;
            return this;
        }

        /** Validates the ABI exports and version, the imported builtins and the data; throws {@link PolicyLoadException}. */
        public OpaPolicy build() {
            this.memoryLimits = memoryLimits();
            ModuleShape shape = ModuleShape.probe(name, module, machineFactory, memoryLimits, data);
            Builtin[] byId = shape.resolveBuiltins(name, builtins != null ? builtins : Builtins.defaults());
            return new OpaPolicy(this, shape, byId);
        }

        private MemoryLimits memoryLimits() {
            MemoryImport memory = module.importSection().stream()
                    .filter(i -> i instanceof MemoryImport && "env".equals(i.module()) && "memory".equals(i.name()))
                    .map(MemoryImport.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new PolicyLoadException("policy '" + name
                            + "' is not an OPA wasm module: it does not import env.memory"));
            int initial = memory.limits().initialPages();
            if (initial > maxMemoryPages) {
                throw new PolicyLoadException("policy '" + name + "' needs " + initial
                        + " pages of memory to start, more than the limit of " + maxMemoryPages + " pages");
            }
            return new MemoryLimits(initial, Math.min(maxMemoryPages, memory.limits().maximumPages()));
        }
    }
}
