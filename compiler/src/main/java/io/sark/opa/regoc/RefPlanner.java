package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans references: {@code input…} and base {@code data…} become dot lookups; a prefix of a {@code data}
 * reference naming a rule becomes a call of the rule's function; unbound variables in the path iterate.
 */
final class RefPlanner {
    private final PolicyPlanner policy;
    private final BodyPlanner body;

    RefPlanner(PolicyPlanner policy, BodyPlanner body) {
        this.policy = policy;
        this.body = body;
    }

    void ref(Term.Ref ref, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        if (!(ref.head() instanceof Term.Var head)) {
            body.term(ref.head(), scope, out, (v, o) -> steps(v, ref.path(), 0, scope, o, next));
            return;
        }
        Integer local = scope.local(head.name());
        if (local != null) {
            steps(new Operand.Local(local), ref.path(), 0, scope, out, next);
            return;
        }
        if (!Scope.isRoot(head.name())) {
            throw new RegoCompileException(RegoError.UNSAFE_VAR, head.loc(), "var " + head.name() + " is unsafe");
        }
        if (head.name().equals("input")) {
            if (ref.path().isEmpty()) {
                out.add(new IsDefinedStmt(body.at(), 0)); // a bare input must be defined
            }
            steps(new Operand.Local(0), ref.path(), 0, scope, out, next);
            return;
        }
        dataRef(new ArrayList<>(), ref, scope, out, next);
    }

    private void dataRef(List<String> segments, Term.Ref ref, Scope scope, List<Statement> out,
            BodyPlanner.WithOperand next) {
        int consumed = 0;
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Str s)) {
                break;
            }
            segments.add(s.value());
            consumed++;
        }
        List<Term> rest = ref.path().subList(consumed, ref.path().size());
        RuleIndex rules = body.context().rules();
        for (int k = 1; k <= segments.size(); k++) {
            RuleGroup group = rules.group(segments.subList(0, k));
            if (group != null) {
                if (group.arity() > 0) {
                    throw new RegoCompileException(ref.loc(), "function data." + String.join(".", group.path())
                            + " referenced without a call");
                }
                int call = body.newLocal();
                out.add(new CallStmt(body.at(), policy.ruleFunc(group, body.context()),
                        List.of(new Operand.Local(0), new Operand.Local(1)), call));
                List<Term> path = new ArrayList<>();
                segments.subList(k, segments.size()).forEach(s -> path.add(new Term.Str(ref.loc(), s)));
                path.addAll(rest);
                steps(new Operand.Local(call), path, 0, scope, out, next);
                return;
            }
        }
        if (rules.hasRulesUnder(segments)) {
            int doc = new VirtualDocPlanner(policy, body).document(segments, rest, out);
            steps(new Operand.Local(doc), rest, 0, scope, out, next);
            return;
        }
        List<Term> path = new ArrayList<>();
        segments.forEach(s -> path.add(new Term.Str(ref.loc(), s)));
        path.addAll(rest);
        steps(new Operand.Local(1), path, 0, scope, out, next);
    }

    private void steps(Operand current, List<Term> path, int i, Scope scope, List<Statement> out,
            BodyPlanner.WithOperand next) {
        if (i == path.size()) {
            next.plan(current, out);
            return;
        }
        Term step = path.get(i);
        int source = body.local(current, out);
        if (step instanceof Term.Var v && (v.isWildcard()
                || (scope.local(v.name()) == null && !Scope.isRoot(v.name())))) {
            int key = body.newLocal();
            int value = body.newLocal();
            List<Statement> inner = new ArrayList<>();
            if (!v.isWildcard()) {
                scope.bind(v.name(), key);
            }
            steps(new Operand.Local(value), path, i + 1, scope, inner, next);
            out.add(new ScanStmt(body.at(), source, key, value, new Block(inner)));
            return;
        }
        if (!(step instanceof Term.Var) && body.hasUnboundVars(step, scope)) {
            // a pattern such as [1, x]: every key of the collection that unifies with it
            int key = body.newLocal();
            int value = body.newLocal();
            List<Statement> inner = new ArrayList<>();
            body.unify(step, BodyPlanner.localTerm(key, scope), scope, inner,
                    o -> steps(new Operand.Local(value), path, i + 1, scope, o, next));
            out.add(new ScanStmt(body.at(), source, key, value, new Block(inner)));
            return;
        }
        body.term(step, scope, out, (k, o) -> {
            int target = body.newLocal();
            o.add(new DotStmt(body.at(), new Operand.Local(source), k, target));
            steps(new Operand.Local(target), path, i + 1, scope, o, next);
        });
    }
}
