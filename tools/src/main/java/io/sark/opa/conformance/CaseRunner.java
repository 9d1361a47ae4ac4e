package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.Builtins;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles a case's plan, evaluates each expected entrypoint and compares with OPA's result or error. */
public final class CaseRunner {
    /** "file.rego:3: eval_conflict_error: text" as topdown words errors. */
    private static final Pattern LOCATED = Pattern.compile("^\\S+:\\d+: (eval_\\w+): (.*)$", Pattern.DOTALL);

    private final PlanCompiler compiler;
    private final Builtins builtins;
    private final RegoVersion regoVersion;

    /**
     * Cases run on the engine's ABI host ({@link EngineHost}). {@code regoVersion} is the syntax a case's
     * {@code modules} are parsed in when they are compiled.
     */
    public CaseRunner(PlanCompiler compiler, Builtins builtins, RegoVersion regoVersion) {
        this.compiler = compiler;
        this.builtins = builtins;
        this.regoVersion = regoVersion;
    }

    /** Runs the case from the plan {@code origin} names. */
    public CaseResult run(ConformanceCase c, PlanOrigin origin) {
        if (origin == PlanOrigin.OPA_PLAN) {
            return run(c);
        }
        ConformanceCase compiled;
        try {
            compiled = ModulesPlan.recompiled(c, regoVersion);
        } catch (RuntimeException | StackOverflowError e) {
            return CaseResult.fail(c, "rego compile: " + e.getMessage());
        }
        return run(compiled);
    }

    /** Runs the case from OPA's plan. */
    public CaseResult run(ConformanceCase c) {
        JsonNode planJson = c.plan();
        if (planJson == null) {
            return CaseResult.fail(c, "the case has no plan");
        }
        byte[] wasm;
        try {
            Policy plan = PlanReader.read(c.file() + " " + c.note(), planJson);
            wasm = compiler.compile(c.file(), plan);
        } catch (RuntimeException e) {
            return CaseResult.fail(c, "compile: " + e.getMessage());
        }
        EngineHost policy;
        try {
            policy = new EngineHost(wasm, builtins, c);
        } catch (RuntimeException e) {
            return CaseResult.fail(c, "load: " + e.getMessage());
        }
        try {
            return c.expectsError() ? expectError(c, policy) : expectResults(c, policy);
        } catch (EvalError e) {
            return CaseResult.fail(c, "unexpected error: " + e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.fail(c, "evaluation failed: " + e);
        }
    }

    private CaseResult expectResults(ConformanceCase c, EngineHost policy) {
        JsonNode want = c.wantPlanResult();
        if (want == null) {
            return CaseResult.fail(c, "the case has neither want_plan_result nor an expected error");
        }
        if (want.isArray()) {
            return expectQueryBindings(c, policy, want);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!policy.entrypoints().contains(e.getKey())) {
                return CaseResult.fail(c, "module has no entrypoint " + e.getKey());
            }
            JsonNode got = policy.evaluate(e.getKey());
            if (!matches(e.getValue(), got, c.sortBindings())) {
                return CaseResult.fail(c, e.getKey() + ": want " + e.getValue() + ", got " + got);
            }
        }
        return CaseResult.pass(c);
    }

    /**
     * The v1 corpus's shape: one entrypoint ({@code eval}) planned from the case's query, and {@code want} the
     * query's result set, one object of variable bindings per way the query is satisfied ({@code []} when it is
     * not). A result set has no order, so the bindings compare as a multiset.
     */
    private static CaseResult expectQueryBindings(ConformanceCase c, EngineHost policy, JsonNode want) {
        for (String entrypoint : c.entrypoints()) {
            if (!policy.entrypoints().contains(entrypoint)) {
                return CaseResult.fail(c, "module has no entrypoint " + entrypoint);
            }
            JsonNode got = policy.evaluate(entrypoint);
            JsonNode bindings = c.ignoreGeneratedVars() ? withoutGeneratedVars(got) : got;
            if (bindings == null || !bindings.isArray() || !JsonMatch.sameElements(want, bindings, c.sortBindings())) {
                return CaseResult.fail(c, entrypoint + ": want " + want + ", got " + got);
            }
        }
        return CaseResult.pass(c);
    }

    /** The result set without the bindings of variables OPA's compiler generated ({@code __local0__}). */
    private static JsonNode withoutGeneratedVars(JsonNode resultSet) {
        if (resultSet == null || !resultSet.isArray()) {
            return resultSet;
        }
        ArrayNode out = resultSet.deepCopy();
        out.forEach(b -> {
            if (b instanceof ObjectNode o) {
                o.remove(o.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("__local")).toList());
            }
        });
        return out;
    }

    /**
     * {@code want} is the value of the entrypoint (the document of package {@code query}, e.g.
     * {"result": [bindings...]}); {@code got} is the result set, [{"result": value}].
     */
    private static boolean matches(JsonNode want, JsonNode got, boolean sortBindings) {
        if (got == null || !got.isArray() || got.size() != 1 || !got.get(0).isObject()) {
            return false;
        }
        JsonNode value = got.get(0).get("result");
        if (value == null || !want.isObject() || !value.isObject()) {
            return JsonMatch.equal(want, value, sortBindings);
        }
        if (want.size() != value.size()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode w = e.getValue();
            JsonNode g = value.get(e.getKey());
            // a query's bindings form a set: their order is OPA's set order, not necessarily the case's
            boolean ok = w != null && w.isArray() && g != null && g.isArray()
                    ? JsonMatch.sameElements(w, g, sortBindings)
                    : JsonMatch.equal(w, g, sortBindings);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private CaseResult expectError(ConformanceCase c, EngineHost policy) {
        String wantCode = c.wantErrorCode();
        String wantText = c.wantError() == null ? "" : c.wantError();
        Matcher m = LOCATED.matcher(wantText);
        if (m.matches()) {
            wantCode = wantCode == null ? m.group(1) : wantCode;
            wantText = m.group(2);
        }
        List<String> entrypoints = new ArrayList<>();
        JsonNode want = c.wantPlanResult();
        if (want != null) {
            want.fieldNames().forEachRemaining(entrypoints::add);
        } else {
            entrypoints.addAll(c.entrypoints());
        }
        for (String ep : entrypoints) {
            if (!policy.entrypoints().contains(ep)) {
                return CaseResult.fail(c, "module has no entrypoint " + ep);
            }
            try {
                JsonNode got = policy.evaluate(ep);
                return CaseResult.fail(c, ep + ": want error " + (wantCode == null ? "" : wantCode + " ") + wantText
                        + ", got result " + got);
            } catch (EvalError e) {
                if (wantCode != null && !wantCode.equals(e.code())) {
                    return CaseResult.fail(c, ep + ": want " + wantCode + ", got " + e.code() + ": " + e.getMessage());
                }
                if (!e.getMessage().contains(wantText)) {
                    return CaseResult.fail(c, ep + ": want message containing \"" + wantText + "\", got " + e.getMessage());
                }
            }
        }
        return CaseResult.pass(c);
    }
}
