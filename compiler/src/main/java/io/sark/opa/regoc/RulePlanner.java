package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Func;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans one rule (all its definitions) as a plan function returning local 2, in OPA's shape: complete
 * rules assign once (so two different values are a conflict), then the default fills an undefined result;
 * partial sets and objects start empty and each definition adds to them.
 */
final class RulePlanner {
    private static final int RESULT = 2;

    private final PolicyPlanner policy;

    RulePlanner(PolicyPlanner policy) {
        this.policy = policy;
    }

    Func plan(RuleGroup group, PlanContext context) {
        int arity = group.arity();
        List<Integer> params = new ArrayList<>(List.of(0, 1));
        for (int i = 0; i < arity; i++) {
            params.add(2 + i);
        }
        int result = 2 + arity;
        FuncState state = new FuncState(result + 1);
        BodyPlanner planner = new BodyPlanner(policy, state, context);
        List<Block> blocks = new ArrayList<>();
        Rule first = group.definitions().get(0).rule();
        boolean object = group.buildsObject();
        if (object) {
            blocks.add(new Block(List.of(new MakeObjectStmt(planner.at(first.loc()), result))));
        } else if (group.kind() == Rule.Kind.MULTI_VALUE) {
            blocks.add(new Block(List.of(new MakeSetStmt(planner.at(first.loc()), result))));
        }
        Rule defaultRule = null;
        List<RuleGroup.Definition> ordered = deepestFirst(group);
        EqualityDispatch dispatch = new EqualityDispatch(planner, group);
        // dispatching would run its definitions first, out of the deepest-first order conflicts rely on
        Block indexed = ordered.equals(group.definitions())
                ? dispatch.block(rest -> d -> definition(rest, d, group, result, planner)) : null;
        if (indexed != null) {
            blocks.add(indexed);
        }
        for (RuleGroup.Definition d : ordered) {
            Rule rule = d.rule();
            if (indexed != null && dispatch.covers(d)) {
                continue;
            }
            if (rule.isDefault()) {
                defaultRule = rule;
                continue;
            }
            if (rule.elseRule() != null) {
                blocks.addAll(elseChain(rule, d, result, state, planner));
                continue;
            }
            blocks.add(definition(rule, d, group, result, planner));
        }
        if (defaultRule != null) {
            Rule dr = defaultRule;
            List<Statement> out = new ArrayList<>();
            out.add(new IsUndefinedStmt(planner.at(dr.loc()), result));
            planner.term(dr.head().value(), new Scope(group.definitions().get(0).module()), out,
                    (v, o) -> o.add(new AssignVarOnceStmt(planner.at(), v, result)));
            blocks.add(new Block(out));
        }
        blocks.add(new Block(List.of(new ReturnLocalStmt(planner.at(first.loc()), result))));
        List<String> path = new ArrayList<>(List.of("g" + context.generation()));
        path.addAll(group.path());
        return new Func(group.funcName(context.generation()), params, result, blocks, path);
    }

    /**
     * The definitions with the longest head references first, as OPA's planRules sorts them: a shallower
     * definition then inserts its value once over what the deeper ones built, so a different value under the
     * same key is a conflict instead of a silent overwrite.
     */
    private static List<RuleGroup.Definition> deepestFirst(RuleGroup group) {
        List<RuleGroup.Definition> out = new ArrayList<>(group.definitions());
        out.sort(Comparator.comparingInt((RuleGroup.Definition d) -> -group.keys(d).size()));
        return out;
    }

    private static Block definition(Rule rule, RuleGroup.Definition d, RuleGroup group, int result,
            BodyPlanner planner) {
        Scope scope = new Scope(d.module(), rule);
        List<Statement> out = new ArrayList<>();
        planner.at(rule.loc());
        bindArgs(rule, scope, planner, out);
        planner.body(rule.body(), scope, out, o -> templateArgs(rule, 0, scope, planner, o,
                o2 -> emitHead(rule, group, result, scope, planner, o2)));
        return new Block(out);
    }

    /**
     * {@code r { a } else = v { b } ...}: each link runs only while no earlier link gave a value; the chain's
     * value lands in its own local first, so the rule's other definitions can still conflict with it.
     */
    private static List<Block> elseChain(Rule rule, RuleGroup.Definition d, int result, FuncState state,
            BodyPlanner planner) {
        int chain = state.newLocal();
        List<Block> blocks = new ArrayList<>();
        boolean first = true;
        for (Rule link = rule; link != null; link = link.elseRule()) {
            Rule current = link;
            Scope scope = new Scope(d.module(), current);
            List<Statement> out = new ArrayList<>();
            if (!first) {
                out.add(new IsUndefinedStmt(planner.at(current.loc()), chain));
            }
            first = false;
            bindArgs(rule, scope, planner, out);
            planner.body(current.body(), scope, out, o -> templateArgs(rule, 0, scope, planner, o,
                    o2 -> planner.term(current.head().value(), scope, o2,
                            (v, o3) -> o3.add(new AssignVarOnceStmt(planner.at(), v, chain)))));
            blocks.add(new Block(out));
        }
        blocks.add(new Block(List.of(new IsDefinedStmt(planner.at(rule.loc()), chain),
                new AssignVarOnceStmt(planner.at(), new Operand.Local(chain), result))));
        return blocks;
    }

    private static void bindArgs(Rule rule, Scope scope, BodyPlanner planner, List<Statement> out) {
        List<Term> args = rule.head().args();
        for (int i = 0; i < args.size(); i++) {
            bindArg(args.get(i), 2 + i, scope, planner, out);
        }
    }

    /**
     * Template-string arguments equal their parameters after the body, which binds the variables they render: OPA's
     * compiler moves that equality there (safety reordering; see the plan of the stringinterpolation case
     * "template-string function arg").
     */
    private static void templateArgs(Rule rule, int i, Scope scope, BodyPlanner planner, List<Statement> out,
            BodyPlanner.Next next) {
        List<Term> args = rule.head().args();
        if (i == args.size()) {
            next.plan(out);
        } else if (args.get(i) instanceof Term.TemplateString arg) {
            planner.unify(arg, BodyPlanner.localTerm(2 + i, scope), scope, out,
                    o -> templateArgs(rule, i + 1, scope, planner, o, next));
        } else {
            templateArgs(rule, i + 1, scope, planner, out, next);
        }
    }

    /** A function argument: a variable binds to the parameter; any other term must equal it. */
    private static void bindArg(Term arg, int param, Scope scope, BodyPlanner planner, List<Statement> out) {
        if (arg instanceof Term.TemplateString) {
            return; // see templateArgs
        }
        if (arg instanceof Term.Var v) {
            if (!v.isWildcard()) {
                scope.bind(v.name(), param);
            }
            return;
        }
        planner.unify(arg, BodyPlanner.localTerm(param, scope), scope, out, o -> {});
        if (out.isEmpty() || out.get(out.size() - 1) instanceof ScanStmt) {
            throw RegoCompileException.unsupported(arg.loc(), "function argument pattern");
        }
    }

    private static void emitHead(Rule rule, RuleGroup group, int result, Scope scope, BodyPlanner planner,
            List<Statement> out) {
        List<Term> keys = group.keys(new RuleGroup.Definition(scope.module, rule));
        boolean set = rule.head().kind() == Rule.Kind.MULTI_VALUE;
        if (group.buildsObject() && keys.isEmpty()) {
            throw new RegoCompileException(RegoError.TYPE, rule.loc(), "conflicting rules data."
                    + String.join(".", group.path()) + " found");
        }
        if (set && keys.isEmpty()) {
            planner.term(rule.head().key(), scope, out, (k, o) -> o.add(new SetAddStmt(planner.at(), k, result)));
        } else if (!keys.isEmpty()) {
            nestedKeys(rule, keys, 0, result, scope, planner, out);
        } else {
            planner.term(rule.head().value(), scope, out,
                    (v, o) -> o.add(new AssignVarOnceStmt(planner.at(), v, result)));
        }
    }

    /**
     * {@code p[a][b] := v}: the object under each key but the last is taken from the one being built, or made
     * when missing, and put back after the value went in below it. Under the last key a value goes in once (two
     * different values conflict); {@code p[a][b] contains v} adds to the set there, made when missing.
     */
    private static void nestedKeys(Rule rule, List<Term> keys, int i, int object, Scope scope, BodyPlanner planner,
            List<Statement> out) {
        boolean last = i == keys.size() - 1;
        if (last && rule.head().kind() != Rule.Kind.MULTI_VALUE) {
            planner.term(keys.get(i), scope, out, (k, o) -> planner.term(rule.head().value(), scope, o,
                    (v, o2) -> o2.add(new ObjectInsertOnceStmt(planner.at(), k, v, object))));
            return;
        }
        planner.term(keys.get(i), scope, out, (k, o) -> {
            int child = planner.newLocal();
            Block existing = new Block(List.of(new DotStmt(planner.at(), new Operand.Local(object), k, child),
                    new BreakStmt(planner.at(), 1)));
            Statement make = last ? new MakeSetStmt(planner.at(), child) : new MakeObjectStmt(planner.at(), child);
            o.add(new BlockStmt(planner.at(), List.of(new Block(List.of(
                    new BlockStmt(planner.at(), List.of(existing)), make)))));
            if (last) {
                planner.term(rule.head().key(), scope, o, (v, o2) -> {
                    o2.add(new SetAddStmt(planner.at(), v, child));
                    o2.add(new ObjectInsertStmt(planner.at(), k, new Operand.Local(child), object));
                });
            } else {
                nestedKeys(rule, keys, i + 1, child, scope, planner, o);
                o.add(new ObjectInsertStmt(planner.at(), k, new Operand.Local(child), object));
            }
        });
    }
}
