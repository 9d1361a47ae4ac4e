package io.sark.opa.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * The host side of one instance's imports: {@code env.memory}, {@code opa_abort}, {@code opa_println} and
 * {@code opa_builtin0..4}, which dispatch to Java {@link Builtin}s by the ids of the module's
 * {@code builtins()} export. Arguments cross as JSON text, as the ABI defines.
 */
final class HostImports {

    private static final Logger PRINT = Logger.getLogger("io.sark.opa.print");
    /** Numbers read exactly, as Rego's are arbitrary precision: 2e308 is a number, not a double's infinity. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String policyName;
    private final Memory memory;
    private final Builtin[] builtinsById;
    private AbiExports abi;
    private EvaluationContext context;

    HostImports(String policyName, Memory memory, Builtin[] builtinsById) {
        this.policyName = policyName;
        this.memory = memory;
        this.builtinsById = builtinsById;
    }

    /** Called once the instance exists: builtin calls need its exports to move values. */
    void bind(AbiExports abi) {
        this.abi = abi;
    }

    /** The context builtins see until the next call: one per evaluation. */
    void startEvaluation(EvaluationContext context) {
        this.context = context;
    }

    ImportValues importValues() {
        List<ImportFunction> functions = new ArrayList<>();
        functions.add(new HostFunction("env", "opa_abort", FunctionType.of(List.of(ValType.I32), List.of()),
                (instance, args) -> {
                    throw new PolicyAbortException("policy '" + policyName + "' aborted: " + cString(instance, args[0]));
                }));
        functions.add(new HostFunction("env", "opa_println", FunctionType.of(List.of(ValType.I32), List.of()),
                (instance, args) -> {
                    String line = cString(instance, args[0]);
                    if (context != null && context.printHook() != null) {
                        context.printHook().accept(line);
                    } else {
                        PRINT.info(() -> policyName + ": " + line);
                    }
                    return null;
                }));
        for (int arity = 0; arity <= 4; arity++) {
            List<ValType> params = new ArrayList<>(Collections.nCopies(arity + 2, ValType.I32));
            functions.add(new HostFunction("env", "opa_builtin" + arity,
                    FunctionType.of(params, List.of(ValType.I32)),
                    (instance, args) -> new long[] {callBuiltin(args)}));
        }
        return ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", memory))
                .withFunctions(functions)
                .build();
    }

    private static String cString(Instance instance, long addr) {
        return instance.memory().readCString((int) addr, StandardCharsets.UTF_8);
    }

    /** args: builtin id, reserved context address, then one value address per argument. */
    private int callBuiltin(long[] args) {
        int id = (int) args[0];
        Builtin builtin = id >= 0 && id < builtinsById.length ? builtinsById[id] : null;
        if (builtin == null) {
            throw new PolicyAbortException("policy '" + policyName + "' called builtin id " + id
                    + ", which its builtins() export does not name");
        }
        JsonNode result;
        try {
            JsonNode[] operands = new JsonNode[args.length - 2];
            for (int i = 0; i < operands.length; i++) {
                operands[i] = readValue((int) args[i + 2], builtin.seesSets());
            }
            result = builtin.call(context, operands);
        } catch (BuiltinHalt | PolicyAbortException e) {
            throw e;
        } catch (RuntimeException e) {
            if (context.strictBuiltinErrors()) {
                throw StrictBuiltinError.of(builtin.name(), e);
            }
            return 0; // OPA: without strict builtin errors, a failing builtin is undefined
        }
        return result == null ? 0 : writeValue(result, builtin.returnsSet(), builtin.seesSets());
    }

    private JsonNode readValue(int addr, boolean withSets) {
        if (withSets && abi.valueDump != null) {
            String text = abi.dumpValue(addr);
            try {
                return RegoValueText.read(JSON, text);
            } catch (NumberFormatException e) {
                throw numberOutOfRange(e);
            } catch (IllegalArgumentException e) {
                throw new PolicyAbortException("policy '" + policyName + "' passed a builtin a value that is not"
                        + " OPA value text: " + text, e);
            }
        }
        String text = abi.dumpJson(addr);
        try {
            return JSON.readTree(text);
        } catch (NumberFormatException e) {
            throw numberOutOfRange(e);
        } catch (JsonProcessingException e) {
            throw new PolicyAbortException("policy '" + policyName + "' passed a builtin a value that is not JSON: "
                    + text, e);
        }
    }

    /**
     * OPA's numbers are text of any size (input {@code 1e2147483648} included) but BigDecimal's exponent is an int:
     * a builtin given such a number fails like any builtin error (undefined unless strict), and the policy goes on.
     */
    private static BuiltinException numberOutOfRange(NumberFormatException e) {
        return new BuiltinException("a number beyond the range builtins compute with: " + e.getMessage(), e);
    }

    private int writeValue(JsonNode value, boolean asSet, boolean withSets) {
        if (asSet && value.isArray() && abi.valueParse != null) {
            SetNode set = new SetNode(JSON.getNodeFactory());
            set.addAll((ArrayNode) value);
            return abi.parseValue(RegoValueText.write(set).getBytes(StandardCharsets.UTF_8));
        }
        if (withSets && abi.valueParse != null && RegoValueText.needed(value)) {
            return abi.parseValue(RegoValueText.write(value).getBytes(StandardCharsets.UTF_8));
        }
        return abi.parseJson(value.toString().getBytes(StandardCharsets.UTF_8));
    }
}
