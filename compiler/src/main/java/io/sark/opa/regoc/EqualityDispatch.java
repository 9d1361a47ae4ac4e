package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rule indexing for the common shape {@code allow if { input.method == "GET"; ... }}: when several
 * definitions of a rule start by comparing the same input path with a constant, the path is looked up once
 * and each distinct constant is compared once, running only the definitions written for it (each still
 * in a block of its own, so one failing does not stop the others).
 */
final class EqualityDispatch {
    /** A definition starting with {@code input.<path> == constant}, and the rest of it. */
    private record Indexed(RuleGroup.Definition definition, List<String> path, Term constant, Rule rest) {}

    private final BodyPlanner planner;
    private final List<Indexed> indexed;

    /** The definitions of a rule without arguments that share the most common input path comparison. */
    EqualityDispatch(BodyPlanner planner, RuleGroup group) {
        this.planner = planner;
        Map<List<String>, List<Indexed>> byPath = new LinkedHashMap<>();
        if (group.arity() == 0 && planner.context().mock("equal") == null) {
            for (RuleGroup.Definition d : group.definitions()) {
                Indexed i = indexable(d);
                if (i != null) {
                    byPath.computeIfAbsent(i.path(), p -> new ArrayList<>()).add(i);
                }
            }
        }
        this.indexed = byPath.values().stream().filter(l -> l.size() >= 2)
                .max((a, b) -> a.size() - b.size()).orElse(List.of());
    }

    boolean covers(RuleGroup.Definition d) {
        return indexed.stream().anyMatch(i -> i.definition() == d);
    }

    /** The dispatch block, or null when fewer than two definitions share a comparison. */
    Block block(Function<Rule, Function<RuleGroup.Definition, Block>> definition) {
        if (indexed.isEmpty()) {
            return null;
        }
        Indexed first = indexed.get(0);
        Scope scope = new Scope(first.definition().module(), first.definition().rule());
        List<Term> path = first.path().stream().<Term>map(s -> new Term.Str(null, s)).toList();
        List<Statement> out = new ArrayList<>();
        planner.at(first.definition().rule().loc());
        planner.term(new Term.Ref(null, new Term.Var(null, "input"), path), scope, out, (v, o) -> {
            int value = planner.local(v, o);
            Map<String, List<Indexed>> byConstant = new LinkedHashMap<>();
            indexed.forEach(i -> byConstant.computeIfAbsent(key(i.constant()), k -> new ArrayList<>()).add(i));
            List<Block> cases = new ArrayList<>();
            for (List<Indexed> same : byConstant.values()) {
                List<Statement> stmts = new ArrayList<>();
                planner.term(same.get(0).constant(), scope, stmts,
                        (c, o2) -> o2.add(new EqualStmt(planner.at(), new Operand.Local(value), c)));
                List<Block> definitions = same.stream().map(i -> definition.apply(i.rest()).apply(i.definition())).toList();
                stmts.add(new BlockStmt(planner.at(), definitions));
                cases.add(new Block(stmts));
            }
            o.add(new BlockStmt(planner.at(), cases));
        });
        return new Block(out);
    }

    private static Indexed indexable(RuleGroup.Definition d) {
        Rule rule = d.rule();
        if (rule.isDefault() || rule.elseRule() != null || rule.body().literals().isEmpty()) {
            return null;
        }
        Literal lit = rule.body().literals().get(0);
        if (lit.negated() || !lit.withs().isEmpty()) {
            return null;
        }
        Term a;
        Term b;
        if (lit.expr() instanceof Expr.Unify u) {
            a = u.left();
            b = u.right();
        } else if (lit.expr() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c && c.name().equals("equal")
                && c.args().size() == 2) {
            a = c.args().get(0);
            b = c.args().get(1);
        } else {
            return null;
        }
        List<String> path = inputPath(a) != null ? inputPath(a) : inputPath(b);
        Term constant = inputPath(a) != null ? b : a;
        if (path == null || key(constant) == null) {
            return null;
        }
        List<Literal> rest = rule.body().literals().subList(1, rule.body().literals().size());
        Rule without = new Rule(rule.loc(), false, rule.head(), new Body(rule.body().loc(), rest), null, rule.metadata());
        return new Indexed(d, path, constant, without);
    }

    /** {@code input.a.b} as [a, b]; null for anything else. */
    private static List<String> inputPath(Term t) {
        if (!(t instanceof Term.Ref r) || !"input".equals(r.headName()) || r.path().isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Term s : r.path()) {
            if (!(s instanceof Term.Str str)) {
                return null;
            }
            out.add(str.value());
        }
        return out;
    }

    /** Scalars by value (1 and 1.0 are one number); null for anything that is not a scalar constant. */
    private static String key(Term t) {
        if (t instanceof Term.Str s) {
            return "s" + s.value();
        } else if (t instanceof Term.Num n) {
            return "n" + new BigDecimal(n.text()).stripTrailingZeros().toPlainString();
        } else if (t instanceof Term.Bool b) {
            return "b" + b.value();
        } else if (t instanceof Term.Null) {
            return "null";
        }
        return null;
    }
}
