package io.sark.opa.regoc;

import io.sark.opa.builtins.catalog.OpaBuiltinList;
import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans calls as OPA does: a call takes exactly its callee's arguments, plus, as an expression, one more
 * that receives the result ({@code concat("", xs, out)}); {@code walk} is a relation that yields each of its
 * results; a function or builtin replaced by {@code with} calls the replacement, or takes its value.
 */
final class CallPlanner {
    /** Builtins that yield each element of their result instead of returning it whole. */
    private static final List<String> RELATIONS = List.of("walk");

    private static final String PRINT = "internal.print";

    private sealed interface Callee {
        int arity();
    }

    private record Builtin(String name, int arity) implements Callee {}

    private record Function(String funcName, int arity) implements Callee {}

    /** {@code with f as value}: the call's arguments are still evaluated, then the value stands for the result. */
    private record Value(PlanContext.Mock mock, int arity) implements Callee {}

    private final BodyPlanner body;
    private final PolicyPlanner policy;

    CallPlanner(BodyPlanner body) {
        this.body = body;
        this.policy = body.policy();
    }

    /**
     * {@code print(a, b)} as OPA plans it: {@code internal.print([{a}, {b}])}, each argument collected in a set so
     * that an undefined one prints instead of stopping the body.
     */
    private void print(Term.Call c, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        List<Term> sets = new ArrayList<>();
        for (Term arg : c.args()) {
            Term.Var each = new Term.Var(arg.loc(), "$print" + body.newLocal());
            sets.add(new Term.SetCompr(arg.loc(), each, new Body(arg.loc(), List.of(
                    new Literal(arg.loc(), false, new Expr.Unify(arg.loc(), each, arg), List.of())))));
        }
        Term.Call internal = new Term.Call(c.loc(), new Term.Ref(c.loc(), new Term.Var(c.loc(), "internal"),
                List.of(new Term.Str(c.loc(), "print"))), List.of(new Term.ArrayTerm(c.loc(), sets)), false);
        call(internal, new Builtin(PRINT, 1), internal.args(), scope, out, next);
    }

    /** A call used as a value ({@code x := count(xs)}). */
    void value(Term.Call c, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        if (isPrint(c, scope)) {
            print(c, scope, out, next);
            return;
        }
        Term metadata = metadata(c, scope);
        if (metadata != null && c.args().isEmpty()) {
            body.term(metadata, scope, out, next);
            return;
        }
        Callee callee = callee(c, scope);
        if (c.args().size() != callee.arity()) {
            throw wrongArity(c, callee);
        }
        call(c, callee, c.args(), scope, out, next);
    }

    /**
     * A call as an expression: with its callee's arguments it must not be false; with one more, that one
     * unifies with the result.
     */
    void expression(Term.Call c, Scope scope, List<Statement> out, BodyPlanner.Next next) {
        if (isPrint(c, scope)) {
            print(c, scope, out, (v, o) -> next.plan(o));
            return;
        }
        Term metadata = metadata(c, scope);
        if (metadata != null && c.args().size() <= 1) {
            // an object or array: never false, so only a result argument needs planning
            if (c.args().isEmpty()) {
                next.plan(out);
            } else {
                body.unify(c.args().get(0), metadata, scope, out, next);
            }
            return;
        }
        Callee callee = callee(c, scope);
        int n = c.args().size();
        if (n == callee.arity() + 1) {
            Term output = c.args().get(n - 1);
            call(c, callee, c.args().subList(0, n - 1), scope, out,
                    (v, o) -> body.unify(output, BodyPlanner.localTerm(body.local(v, o), scope), scope, o, next));
        } else if (n == callee.arity()) {
            call(c, callee, c.args(), scope, out, (v, o) -> {
                o.add(new NotEqualStmt(body.at(), v, new Operand.Bool(false)));
                next.plan(o);
            });
        } else {
            throw wrongArity(c, callee);
        }
    }

    private void call(Term.Call c, Callee callee, List<Term> args, Scope scope, List<Statement> out,
            BodyPlanner.WithOperand next) {
        List<Operand> operands = new ArrayList<>();
        if (callee instanceof Function) {
            operands.add(new Operand.Local(0));
            operands.add(new Operand.Local(1));
        }
        body.items(args, scope, out, (v, o) -> operands.add(v), o -> {
            if (callee instanceof Value value) {
                mockValue(value.mock(), o, next);
                return;
            }
            int result = body.newLocal();
            String name = callee instanceof Function f ? f.funcName() : ((Builtin) callee).name();
            if (callee instanceof Builtin b) {
                policy.statics().builtin(b.name(), b.arity());
            }
            o.add(new CallStmt(body.at(c.loc()), name, operands, result));
            if (callee instanceof Builtin b && RELATIONS.contains(b.name())) {
                int key = body.newLocal();
                int element = body.newLocal();
                List<Statement> each = new ArrayList<>();
                next.plan(new Operand.Local(element), each);
                o.add(new ScanStmt(body.at(), result, key, element, new Block(each)));
                return;
            }
            next.plan(new Operand.Local(result), o);
        });
    }

    /** The replacing value, planned where the {@code with} stated it when the call is in the same function. */
    private void mockValue(PlanContext.Mock mock, List<Statement> out, BodyPlanner.WithOperand next) {
        Scope scope = mock.owner() == body.funcState() ? mock.scope().copy() : new Scope(mock.scope().module);
        body.term(mock.value(), scope, out, next);
    }

    /** {@code rego.metadata.rule()} and {@code .chain()} of a rule body: constants, as OPA's compiler makes them. */
    private Term metadata(Term.Call c, Scope scope) {
        boolean rule = c.name().equals("rego.metadata.rule");
        if ((!rule && !c.name().equals("rego.metadata.chain")) || scope.rule() == null
                || body.context().mock(c.name()) != null) {
            return null;
        }
        MetadataValues values = new MetadataValues(policy.rules());
        return rule ? values.rule(scope, c.loc()) : values.chain(scope, c.loc());
    }

    private boolean isPrint(Term.Call c, Scope scope) {
        return c.name().equals("print") && policy.userFunction(c, scope) == null && body.context().mock("print") == null;
    }

    private Callee callee(Term.Call c, Scope scope) {
        RuleGroup function = policy.userFunction(c, scope);
        String key = function != null ? "data." + String.join(".", function.path()) : c.name();
        Callee original = function != null
                ? new Function(policy.ruleFunc(function, body.context()), function.arity())
                : builtin(c.name(), c);
        PlanContext.Mock mock = body.context().mock(key);
        return mock == null ? original : replacement(mock, original.arity());
    }

    /** What {@code with f as replacement} calls: a builtin, a function (planned without mocks), or a value. */
    private Callee replacement(PlanContext.Mock mock, int arity) {
        if (mock.value() instanceof Term.Ref || mock.value() instanceof Term.Var) {
            Term.Ref ref = mock.value() instanceof Term.Ref r ? r : new Term.Ref(mock.value().loc(), mock.value(), List.of());
            String head = ref.headName();
            if (head != null && mock.scope().local(head) == null && !head.equals("input")) {
                RuleGroup function = policy.rule(ref, mock.scope());
                if (function != null && function.arity() > 0) {
                    PlanContext plain = body.context().withoutMocks(policy.newGeneration());
                    return new Function(policy.ruleFunc(function, plain), function.arity());
                }
                String name = dotted(ref);
                if (name != null && !Scope.isRoot(head)
                        && OpaBuiltinList.arities().containsKey(name)) {
                    return builtin(name, ref);
                }
            }
        }
        return new Value(mock, arity);
    }

    private static String dotted(Term.Ref ref) {
        StringBuilder b = new StringBuilder(ref.headName());
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Str s)) {
                return null;
            }
            b.append('.').append(s.value());
        }
        return b.toString();
    }

    private static Builtin builtin(String name, Term at) {
        Integer arity = OpaBuiltinList.arities().get(name);
        if (arity == null) {
            throw new RegoCompileException(RegoError.TYPE, at.loc(), "undefined function " + name);
        }
        return new Builtin(name, arity);
    }

    private static RegoCompileException wrongArity(Term.Call c, Callee callee) {
        return new RegoCompileException(RegoError.TYPE, c.loc(), c.name() + ": wrong number of arguments: got " + c.args().size()
                + ", want " + callee.arity());
    }
}
