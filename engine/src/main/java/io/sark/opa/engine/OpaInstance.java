package io.sark.opa.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Memory;
import java.time.Duration;

/**
 * One wasm instance of a policy. NOT thread-safe. The policy's data is parsed once: into the policy's shared
 * {@link DataImage}, which the instance's memory starts from, or into the instance's own memory when the policy
 * does not share its data. Each evaluation starts from the heap pointer recorded after that, so per-evaluation garbage is
 * dropped by resetting it. After a failure inside wasm the instance is {@link #isBroken() broken} and
 * must be replaced: its memory is in an unknown state.
 */
public final class OpaInstance {

    /**
     * Longest input our modules get as values the host lays out; longer input goes as text, which the module parses
     * lazily, so that an instance never holds a large layout buffer.
     */
    static final int MAX_BUILT_INPUT_BYTES = 64 * 1024;

    private final OpaPolicy policy;
    private final HostImports host;
    private final AbiExports abi;
    private final int dataAddr;
    private final int baseHeap;
    private final EvaluationWatchdog watchdog = new EvaluationWatchdog();
    private final RuntimeValueWriter valueWriter = new RuntimeValueWriter();
    private boolean broken;

    OpaInstance(OpaPolicy policy, DataImage image) {
        this.policy = policy;
        DataImage.Loaded loaded = image != null ? image.instantiate(policy) : DataImage.load(policy);
        this.host = loaded.live().host();
        this.abi = loaded.live().abi();
        this.dataAddr = loaded.dataAddr();
        this.baseHeap = loaded.baseHeap();
    }

    public OpaPolicy policy() {
        return policy;
    }

    /**
     * Evaluates an entrypoint. {@code inputJson} is UTF-8 JSON (null for no input). Returns OPA's result set as
     * JSON text, e.g. {@code [{"result":true}]}, or {@code []} when the entrypoint is undefined. A null or
     * zero {@code timeout} means no timeout.
     */
    public String evaluate(String entrypoint, byte[] inputJson, Duration timeout) {
        return evaluate(entrypoint, inputJson, false, false, timeout);
    }

    /**
     * As {@link #evaluate(String, byte[], Duration)}, with the input as {@link OpaPolicy#inputAsRead} gave it: text
     * the host checked already is not scanned again.
     */
    public String evaluateAsRead(String entrypoint, InputAsRead input, Duration timeout) {
        return evaluate(entrypoint, input.json(), input.checked(), false, timeout);
    }

    /**
     * As {@link #evaluate(String, byte[], Duration)}, with the input as OPA value text (Rego terms: sets, non-string
     * keys), parsed by the module's {@code opa_value_parse} (ABI 1.2 and later).
     */
    public String evaluateValueInput(String entrypoint, byte[] inputValueText, Duration timeout) {
        if (abi.valueParse == null) {
            throw new InvalidInputException("policy '" + policy.name + "' speaks ABI " + policy.abiVersion()
                    + ", which cannot read input as OPA value text (no opa_value_parse)");
        }
        return evaluate(entrypoint, inputValueText, false, true, timeout);
    }

    private String evaluate(String entrypoint, byte[] inputJson, boolean checked, boolean valueText,
            Duration timeout) {
        if (broken) {
            throw new IllegalStateException("this instance of policy '" + policy.name
                    + "' failed earlier and must be replaced");
        }
        int id = policy.entrypointId(entrypoint);
        if (inputJson != null && inputJson.length > policy.maxInputBytes) {
            throw new InvalidInputException("input for '" + entrypoint + "' of policy '" + policy.name + "' is "
                    + inputJson.length + " bytes, more than the limit of " + policy.maxInputBytes);
        }
        watchdog.arm(timeout); // the checks below grow with the input: they count against the timeout too
        byte[] input;
        try {
            // value text is not JSON; JSON the host checked already is not scanned again
            input = inputJson == null || valueText || checked ? inputJson : loadable(entrypoint, inputJson);
        } catch (InvalidInputException e) {
            watchdog.disarm();
            throw e;
        }
        if (watchdog.expired()) {
            watchdog.disarm();
            throw new EvaluationTimeoutException("evaluating '" + entrypoint + "' of policy '" + policy.name
                    + "' took longer than the timeout of " + timeout.toMillis() + " ms while checking its input");
        }
        boolean oneCall = policy.oneCallEval && input != null && !valueText;
        host.startEvaluation(new EvaluationContext(policy));
        try {
            String result = oneCall
                    ? evaluateInOneCall(id, input)
                    : evaluateWithContext(entrypoint, id, input, valueText);
            watchdog.disarm(); // finished: a deadline that passed meanwhile changes nothing
            return result;
        } catch (InvalidInputException e) {
            watchdog.disarm(); // the module refused the input and returned: its memory is as before
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            boolean expired = watchdog.disarm();
            broken = true;
            watchdog.close();
            throw failure(entrypoint, timeout, expired, e);
        }
    }

    /**
     * The input as the module should read it (only the parts the entrypoint reads, {@link InputScanner}), or an
     * {@link InvalidInputException} before any wasm runs: a
     * problem found here never breaks the instance. Checked for every module, since OPA's {@code opa_eval}
     * would evaluate input it cannot parse as if there were none.
     */
    private byte[] loadable(String entrypoint, byte[] input) {
        OpaPolicy.ReadInput read = policy.read(entrypoint, input);
        JsonText.Problem problem = read.problem();
        if (problem != null) {
            throw new InvalidInputException("input for '" + entrypoint + "' of policy '" + policy.name + "' "
                    + (problem.beyondLimit() ? "is beyond the host's limits: " : "is not valid JSON: ") + problem.reason());
        }
        return read.json();
    }

    private String evaluateInOneCall(int id, byte[] json) {
        if (policy.hostBuiltInput && abi.evalInputValue != null && json.length <= MAX_BUILT_INPUT_BYTES) {
            return evaluateBuiltInput(id, json);
        }
        // as text, each unpaired surrogate escape goes as U+FFFD (Go's reading, which OPA's wasm would refuse);
        // RuntimeValueWriter reads such escapes so itself
        byte[] input = JsonText.withoutLoneSurrogates(json);
        int heapAfterInput = (baseHeap + input.length + 7) & ~7; // allocators expect 8-byte aligned blocks
        ensureMemory(heapAfterInput);
        abi.memory.write(baseHeap, input);
        int result = (int) abi.opaEval.apply(0, id, dataAddr, baseHeap, input.length, heapAfterInput, 0)[0];
        return abi.cString(result);
    }

    /** Our modules: the input as the runtime library's values, laid out by the host, so that wasm parses no text. */
    private String evaluateBuiltInput(int id, byte[] input) {
        int at = (baseHeap + 7) & ~7; // values hold 8-byte numbers
        int value = valueWriter.write(input, at);
        int heapAfterInput = (at + valueWriter.size() + 7) & ~7;
        ensureMemory(heapAfterInput);
        valueWriter.copyTo(abi.memory);
        int result = (int) abi.evalInputValue.apply(id, dataAddr, value, heapAfterInput)[0];
        return abi.cString(result);
    }

    /** Grows linear memory to hold {@code end} bytes: the input is written before any wasm allocator runs. */
    private void ensureMemory(int end) {
        long missing = (long) end - (long) abi.memory.pages() * Memory.PAGE_SIZE;
        if (missing > 0 && abi.memory.grow((int) ((missing + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE)) < 0) {
            throw new OutOfMemoryException("input of " + (end - baseHeap) + " bytes does not fit the wasm memory limit of "
                    + policy.memoryLimits.maximumPages() + " pages of policy '" + policy.name + "'");
        }
    }

    private String evaluateWithContext(String entrypoint, int id, byte[] input, boolean valueText) {
        abi.heapPtrSet.apply(baseHeap);
        int ctx = (int) abi.ctxNew.apply()[0];
        if (input != null) {
            int inputAddr = valueText ? abi.parseValue(input) : abi.parseJson(JsonText.withoutLoneSurrogates(input));
            if (inputAddr == 0) {
                throw valueText ? new InvalidInputException("input for '" + entrypoint + "' of policy '"
                        + policy.name + "' is not OPA value text the module can read") : rejectedInput(entrypoint);
            }
            abi.ctxSetInput.apply(ctx, inputAddr);
        }
        abi.ctxSetData.apply(ctx, dataAddr);
        if (abi.ctxSetEntrypoint != null) {
            abi.ctxSetEntrypoint.apply(ctx, id);
        } else if (id != 0) {
            throw new UnknownEntrypointException("policy '" + policy.name + "' speaks ABI " + policy.abiVersion()
                    + ", which can only evaluate its first entrypoint, not '" + entrypoint + "'");
        }
        abi.eval.apply(ctx);
        return abi.dumpJson((int) abi.ctxGetResult.apply(ctx)[0]);
    }

    /** Linear memory pages currently in use (for metrics). */
    public int memoryPages() {
        return abi.memory.pages();
    }

    /**
     * Pages of linear memory this instance holds alone: those it has written to (with a shared data image, its heap,
     * stack and whatever it changed; without one, the data it parsed too). The others are shared or read as zeros.
     */
    public int ownMemoryPages() {
        return ((CopyOnWriteMemory) abi.memory).ownPages();
    }

    /** The instance's linear memory, as its host imports see it. */
    Memory memory() {
        return abi.memory;
    }

    public boolean isBroken() {
        return broken;
    }

    /** Turns whatever escaped the wasm call into the exception that says what went wrong. */
    private OpaException failure(String entrypoint, Duration timeout, boolean expired, Throwable e) {
        String where = "evaluating '" + entrypoint + "' of policy '" + policy.name + "'";
        if (expired || causedBy(e, ChicoryInterruptedException.class)) {
            return new EvaluationTimeoutException(where + (timeout == null ? " was interrupted"
                    : " took longer than the timeout of " + timeout.toMillis() + " ms and was stopped"), e);
        }
        if (outOfMemory(e)) {
            return new OutOfMemoryException(where + " needed more wasm memory than the limit of "
                    + policy.memoryLimits.maximumPages() + " pages (" + policy.memoryLimits.maximumPages() / 16
                    + " MiB)", e);
        }
        OpaException opa = find(e, OpaException.class);
        if (opa != null) {
            return opa;
        }
        if (e instanceof StackOverflowError) {
            return new PolicyAbortException(where + " recursed too deeply", e);
        }
        return new PolicyAbortException(where + " failed in wasm: " + e, e);
    }

    private boolean outOfMemory(Throwable e) {
        if (abi.memory.pages() >= policy.memoryLimits.maximumPages()) {
            return true;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return e instanceof PolicyAbortException && (message.contains("out of memory") || message.contains("malloc"));
    }

    private InvalidInputException rejectedInput(String entrypoint) {
        return new InvalidInputException("input for '" + entrypoint + "' of policy '" + policy.name
                + "' is not valid JSON: rejected by the module");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
