package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Func;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Plan;
import io.sark.opa.ir.Policy;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Body;
import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles parsed Rego modules to an OPA IR {@link Policy} (the model {@code PlanReader} produces), one plan
 * per entrypoint ({@code a/b/c} meaning {@code data.a.b.c}). Passes: lower template strings ({@link TemplateStrings}), resolve names to references
 * ({@link NameResolver}), order bodies for safety ({@link SafetyReorder}), bind the operands
 * of negated expressions first ({@link NegatedOperands}), place rules at their data paths ({@link RuleIndex}), plan each entrypoint's reference,
 * plan every rule function reached from it.
 */
public final class RegoCompiler {
    private RegoCompiler() {}

    /**
     * A query planned as a plan of its own, as OPA plans {@code opa eval} queries: its result set holds, per way
     * the query is satisfied, an object binding each of its variables ({@link QueryVars}).
     */
    public record Query(String name, Body body) {}

    public static Policy compile(List<RegoModule> modules, List<String> entrypoints) {
        return compile(modules, entrypoints, List.of());
    }

    /** Plans the entrypoints ({@code a/b/c}), then the queries. */
    public static Policy compile(List<RegoModule> parsed, List<String> entrypoints, List<Query> queries) {
        DeclarationCheck.check(parsed);
        List<RegoModule> resolved = HeadTerms.rewrite(NameResolver.resolve(TemplateStrings.lower(parsed)));
        List<RegoModule> modules = NegatedOperands.rewrite(SafetyReorder.reorder(resolved));
        RuleIndex rules = new RuleIndex(modules);
        RecursionCheck.check(rules);
        checkEveryRule(rules);
        PolicyPlanner policy = new PolicyPlanner(rules);
        modules.forEach(m -> policy.statics().file(m.loc() == null ? "" : m.loc().file()));
        List<Plan> plans = new ArrayList<>();
        for (String entrypoint : entrypoints) {
            plans.add(entrypointPlan(entrypoint, modules.get(0), policy));
        }
        for (Query query : queries) {
            plans.add(queryPlan(query, policy));
        }
        List<Func> funcs = policy.planAll();
        StaticTable s = policy.statics();
        return new Policy(s.strings(), s.files(), s.builtinFuncs(), plans, funcs);
    }

    /**
     * Plans, and throws away, every rule, so that the errors of all rules, those no entrypoint reaches too
     * (unsafe variables, unknown functions, wrong arities), are reported together, as OPA reports them;
     * constructs this compiler does not support yet only fail the rules that are used.
     */
    private static void checkEveryRule(RuleIndex rules) {
        PolicyPlanner scratch = new PolicyPlanner(rules);
        CompileErrors errors = new CompileErrors();
        for (RuleGroup group : rules.groups()) {
            scratch.ruleFunc(group, scratch.rootContext());
            try {
                scratch.planAll();
            } catch (RegoCompileException e) {
                if (!e.isUnsupported()) {
                    errors.add(e);
                }
            }
        }
        errors.throwIfAny();
    }

    private static Plan queryPlan(Query query, PolicyPlanner policy) {
        BodyPlanner planner = new BodyPlanner(policy, new FuncState(2), policy.rootContext());
        Scope scope = Scope.query();
        List<Statement> out = new ArrayList<>();
        planner.body(query.body(), scope, out, o -> {
            int bindings = planner.newLocal();
            o.add(new MakeObjectStmt(planner.at(), bindings));
            for (String name : QueryVars.of(query.body())) {
                Integer local = scope.local(name);
                if (local != null) {
                    o.add(new ObjectInsertStmt(planner.at(), new Operand.StringIndex(policy.statics().string(name)),
                            new Operand.Local(local), bindings));
                }
            }
            o.add(new ResultSetAddStmt(planner.at(), bindings));
        });
        return new Plan(query.name(), List.of(new Block(out)));
    }

    /** {@code data.<entrypoint>}, and if defined, the result set {@code [{"result": value}]}. */
    private static Plan entrypointPlan(String entrypoint, RegoModule anyModule, PolicyPlanner policy) {
        Location loc = new Location("<entrypoint " + entrypoint + ">", 0, 0);
        List<Term> path = new ArrayList<>();
        Arrays.stream(entrypoint.split("/")).forEach(s -> path.add(new Term.Str(loc, s)));
        Term.Ref ref = new Term.Ref(loc, new Term.Var(loc, "data"), path);
        BodyPlanner planner = new BodyPlanner(policy, new FuncState(2), policy.rootContext());
        List<Statement> out = new ArrayList<>();
        planner.term(ref, new Scope(anyModule), out, (v, o) -> {
            int obj = planner.newLocal();
            o.add(new MakeObjectStmt(planner.at(), obj));
            o.add(new ObjectInsertStmt(planner.at(), new Operand.StringIndex(policy.statics().string("result")), v, obj));
            o.add(new ResultSetAddStmt(planner.at(), obj));
        });
        return new Plan(entrypoint, List.of(new Block(out)));
    }
}
