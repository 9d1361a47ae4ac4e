package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.ir.StatementLocation;
import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.Term;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans Rego bodies into IR statements. Planning is continuation-passing: an iteration (a scan over a
 * collection) opens a nested block, and everything after it in the body is planned inside that block,
 * which is how OPA's IR expresses "for each binding, continue".
 */
final class BodyPlanner {
    interface Next {
        void plan(List<Statement> out);
    }

    interface WithOperand {
        void plan(Operand value, List<Statement> out);
    }

    private final PolicyPlanner policy;
    private final FuncState func;
    private PlanContext context;
    private StatementLocation at = new StatementLocation(0, 0, 0);

    BodyPlanner(PolicyPlanner policy, FuncState func, PlanContext context) {
        this.policy = policy;
        this.func = func;
        this.context = context;
    }

    /** The {@code with} context the statements being planned run under. */
    PlanContext context() {
        return context;
    }

    void context(PlanContext context) {
        this.context = context;
    }

    FuncState funcState() {
        return func;
    }

    int newLocal() {
        return func.newLocal();
    }

    StatementLocation at(Location loc) {
        if (loc != null) {
            at = new StatementLocation(policy.statics().file(loc.file()), loc.row(), loc.col());
        }
        return at;
    }

    /** Plans the body's literals in order, then {@code next} once per way the body is satisfied. */
    void body(Body body, Scope scope, List<Statement> out, Next next) {
        literals(body.literals(), 0, scope, out, next);
    }

    private void literals(List<Literal> lits, int i, Scope scope, List<Statement> out, Next next) {
        if (i == lits.size()) {
            next.plan(out);
            return;
        }
        Literal lit = lits.get(i);
        at(lit.loc());
        if (lit.negated()) {
            List<Statement> inner = new ArrayList<>();
            // bindings made inside `not` are not visible after it
            Scope notScope = scope.copy();
            modified(lit, notScope, inner, o -> {});
            out.add(new NotStmt(at(lit.loc()), new Block(inner)));
            literals(lits, i + 1, scope, out, next);
            return;
        }
        modified(lit, scope, out, o -> literals(lits, i + 1, scope, o, next));
    }

    /** The literal's expression under its {@code with} modifiers, if any. */
    private void modified(Literal lit, Scope scope, List<Statement> out, Next next) {
        if (lit.withs().isEmpty()) {
            expr(lit.expr(), scope, out, next);
        } else {
            new WithPlanner(this).plan(lit, scope, out, next);
        }
    }

    void expr(Expr expr, Scope scope, List<Statement> out, Next next) {
        if (expr instanceof Expr.Unify u) {
            unify(u.left(), u.right(), scope, out, next);
        } else if (expr instanceof Expr.Assign a) {
            declareVars(a.left(), scope);
            unify(a.left(), a.right(), scope, out, next);
        } else if (expr instanceof Expr.SomeVars s) {
            s.vars().forEach(v -> scope.declare(v.name()));
            next.plan(out);
        } else if (expr instanceof Expr.SomeIn s) {
            someIn(s, scope, out, next);
        } else if (expr instanceof Expr.TermExpr t) {
            termExpr(t.term(), scope, out, next);
        } else if (expr instanceof Expr.Every e) {
            new EveryPlanner(this).plan(e, scope, out, next);
        } else {
            throw RegoCompileException.unsupported(expr.loc(), "expression " + expr.getClass().getSimpleName());
        }
    }

    private void declareVars(Term t, Scope scope) {
        if (t instanceof Term.Var v) {
            scope.declare(v.name());
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> declareVars(x, scope));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> declareVars(e.value(), scope));
        }
    }

    private void someIn(Expr.SomeIn s, Scope scope, List<Statement> out, Next next) {
        if (s.key() != null) {
            declareVars(s.key(), scope);
        }
        declareVars(s.value(), scope);
        term(s.collection(), scope, out, (coll, o) -> {
            int k = newLocal();
            int v = newLocal();
            List<Statement> inner = new ArrayList<>();
            Next bindValue = o2 -> unify(s.value(), localTerm(v, scope), scope, o2, next);
            if (s.key() != null) {
                unify(s.key(), localTerm(k, scope), scope, inner, bindValue);
            } else {
                bindValue.plan(inner);
            }
            o.add(new ScanStmt(at, local(coll, o), k, v, new Block(inner)));
        });
    }

    /** An expression that is a term: a call (see {@link CallPlanner}), or a value that must not be false. */
    private void termExpr(Term t, Scope scope, List<Statement> out, Next next) {
        if (t instanceof Term.Call c && policy.userFunction(c, scope) == null && context.mock(c.name()) == null
                && c.args().size() == 2 && (c.name().equals("equal") || c.name().equals("neq"))) {
            // `x == input.xs[x]`: the right side binds x, so it is planned first
            boolean rightFirst = hasUnboundVars(c.args().get(0), scope);
            Term first = c.args().get(rightFirst ? 1 : 0);
            Term second = c.args().get(rightFirst ? 0 : 1);
            term(first, scope, out, (a, o) -> term(second, scope, o, (b, o2) -> {
                o2.add(c.name().equals("equal") ? new EqualStmt(at, a, b) : new NotEqualStmt(at, a, b));
                next.plan(o2);
            }));
            return;
        }
        if (t instanceof Term.Call c) {
            new CallPlanner(this).expression(c, scope, out, next);
            return;
        }
        term(t, scope, out, (v, o) -> {
            o.add(new NotEqualStmt(at, v, new Operand.Bool(false)));
            next.plan(o);
        });
    }

    /** {@code left = right}: binds an unbound variable on either side, else compares. */
    void unify(Term left, Term right, Scope scope, List<Statement> out, Next next) {
        if (isUnboundVar(left, scope)) {
            term(right, scope, out, (v, o) -> {
                bindVar((Term.Var) left, v, scope, o);
                next.plan(o);
            });
        } else if (isUnboundVar(right, scope)) {
            unify(right, left, scope, out, next);
        } else if (left instanceof Term.ArrayTerm a && right instanceof Term.ArrayTerm b
                && a.items().size() == b.items().size()) {
            unifyAll(a.items(), b.items(), 0, scope, out, next);
        } else if (left instanceof Term.ArrayTerm a && hasUnboundVars(a, scope)) {
            term(right, scope, out, (v, o) -> destructureArray(a, v, scope, o, next));
        } else if (right instanceof Term.ArrayTerm a && hasUnboundVars(a, scope)) {
            unify(right, left, scope, out, next);
        } else if (left instanceof Term.ObjectTerm a && right instanceof Term.ObjectTerm b && sameKeys(a, b, scope)) {
            List<Term> as = new ArrayList<>();
            List<Term> bs = new ArrayList<>();
            for (Term.Entry e : a.entries()) {
                as.add(e.value());
                bs.add(valueOf(b, e.key()));
            }
            unifyAll(as, bs, 0, scope, out, next);
        } else if (left instanceof Term.ObjectTerm a && hasUnboundVars(a, scope)
                && a.entries().stream().allMatch(e -> isPlain(e.key(), scope))) {
            term(right, scope, out, (v, o) -> destructureObject(a, v, scope, o, next));
        } else if (right instanceof Term.ObjectTerm a && hasUnboundVars(a, scope)) {
            unify(right, left, scope, out, next);
        } else if (hasUnboundVars(left, scope) || hasUnboundVars(right, scope)) {
            throw RegoCompileException.unsupported(left.loc(), "unification of patterns other than arrays");
        } else {
            term(left, scope, out, (a, o) -> term(right, scope, o, (b, o2) -> {
                o2.add(new EqualStmt(at, a, b));
                next.plan(o2);
            }));
        }
    }

    /** Whether two object literals have the same constant keys, so they unify value by value. */
    private static boolean sameKeys(Term.ObjectTerm a, Term.ObjectTerm b, Scope scope) {
        if (a.entries().size() != b.entries().size()) {
            return false;
        }
        return a.entries().stream().allMatch(e -> isConstant(e.key()) && valueOf(b, e.key()) != null);
    }

    private static boolean isConstant(Term t) {
        return t instanceof Term.Str || t instanceof Term.Num || t instanceof Term.Bool || t instanceof Term.Null;
    }

    private static Term valueOf(Term.ObjectTerm o, Term key) {
        for (Term.Entry e : o.entries()) {
            if (isConstant(e.key()) && sameConstant(e.key(), key)) {
                return e.value();
            }
        }
        return null;
    }

    private static boolean sameConstant(Term a, Term b) {
        if (a instanceof Term.Num x && b instanceof Term.Num y) {
            return new java.math.BigDecimal(x.text()).compareTo(new java.math.BigDecimal(y.text())) == 0;
        }
        if (a instanceof Term.Str x && b instanceof Term.Str y) {
            return x.value().equals(y.value());
        }
        if (a instanceof Term.Bool x && b instanceof Term.Bool y) {
            return x.value() == y.value();
        }
        return a instanceof Term.Null && b instanceof Term.Null;
    }

    private void unifyAll(List<Term> as, List<Term> bs, int i, Scope scope, List<Statement> out, Next next) {
        if (i == as.size()) {
            next.plan(out);
            return;
        }
        unify(as.get(i), bs.get(i), scope, out, o -> unifyAll(as, bs, i + 1, scope, o, next));
    }

    private void destructureArray(Term.ArrayTerm pattern, Operand value, Scope scope, List<Statement> out, Next next) {
        int src = local(value, out);
        out.add(new IsArrayStmt(at, new Operand.Local(src)));
        int len = newLocal();
        out.add(new LenStmt(at, new Operand.Local(src), len));
        int n = newLocal();
        out.add(new MakeNumberIntStmt(at, pattern.items().size(), n));
        out.add(new EqualStmt(at, new Operand.Local(len), new Operand.Local(n)));
        List<Term> elems = new ArrayList<>();
        for (int i = 0; i < pattern.items().size(); i++) {
            int idx = newLocal();
            out.add(new MakeNumberIntStmt(at, i, idx));
            int e = newLocal();
            out.add(new DotStmt(at, new Operand.Local(src), new Operand.Local(idx), e));
            elems.add(localTerm(e, scope));
        }
        unifyAll(pattern.items(), elems, 0, scope, out, next);
    }

    /** {@code {"k": x, ...} = value}: an object with exactly these keys, each value unified in turn. */
    private void destructureObject(Term.ObjectTerm pattern, Operand value, Scope scope, List<Statement> out, Next next) {
        int src = local(value, out);
        out.add(new IsObjectStmt(at, new Operand.Local(src)));
        int len = newLocal();
        out.add(new LenStmt(at, new Operand.Local(src), len));
        int n = newLocal();
        out.add(new MakeNumberIntStmt(at, pattern.entries().size(), n));
        out.add(new EqualStmt(at, new Operand.Local(len), new Operand.Local(n)));
        List<Term> patterns = new ArrayList<>();
        List<Term> values = new ArrayList<>();
        for (Term.Entry e : pattern.entries()) {
            int v = newLocal();
            out.add(new DotStmt(at, new Operand.Local(src), plain(e.key(), scope, out), v));
            patterns.add(e.value());
            values.add(localTerm(v, scope));
        }
        unifyAll(patterns, values, 0, scope, out, next);
    }

    private void bindVar(Term.Var var, Operand value, Scope scope, List<Statement> out) {
        if (var.isWildcard()) {
            return;
        }
        int target = newLocal();
        out.add(new AssignVarStmt(at, value, target));
        scope.bind(var.name(), target);
    }

    private boolean isUnboundVar(Term t, Scope scope) {
        return t instanceof Term.Var v && (v.isWildcard()
                || (scope.local(v.name()) == null && !Scope.isRoot(v.name())));
    }

    boolean hasUnboundVars(Term t, Scope scope) {
        if (t instanceof Term.Var v) {
            return isUnboundVar(v, scope);
        } else if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().anyMatch(x -> hasUnboundVars(x, scope));
        } else if (t instanceof Term.ObjectTerm o) {
            return o.entries().stream().anyMatch(e -> hasUnboundVars(e.value(), scope));
        }
        return false;
    }

    /** Evaluates a term to an operand, then plans {@code next} with it (once per value, for iterating refs). */
    void term(Term t, Scope scope, List<Statement> out, WithOperand next) {
        at(t.loc());
        if (isPlain(t, scope)) {
            // plain values cannot iterate: planned directly, which keeps large literals off the call stack
            next.plan(plain(t, scope, out), out);
            return;
        }
        if (t instanceof Term.Bool b) {
            next.plan(new Operand.Bool(b.value()), out);
        } else if (t instanceof Term.Str s) {
            next.plan(new Operand.StringIndex(policy.statics().string(s.value())), out);
        } else if (t instanceof Term.Null n) {
            int l = newLocal();
            out.add(new MakeNullStmt(at, l));
            next.plan(new Operand.Local(l), out);
        } else if (t instanceof Term.Num n) {
            next.plan(new Operand.Local(number(n.text(), out)), out);
        } else if (t instanceof Term.Var v) {
            if (v.isWildcard()) {
                throw new RegoCompileException(RegoError.UNSAFE_VAR, v.loc(), "var _ is unsafe");
            }
            Integer l = scope.local(v.name());
            if (l != null) {
                next.plan(new Operand.Local(l), out);
            } else {
                new RefPlanner(policy, this).ref(new Term.Ref(v.loc(), v, List.of()), scope, out, next);
            }
        } else if (t instanceof Term.Ref r) {
            new RefPlanner(policy, this).ref(r, scope, out, next);
        } else if (t instanceof Term.Call c) {
            new CallPlanner(this).value(c, scope, out, next);
        } else if (t instanceof Term.ArrayTerm a) {
            // the collection is made where every item is known, inside the loops its items open: one per solution
            List<Operand> values = new ArrayList<>();
            items(a.items(), scope, out, (v, o) -> values.add(v), o -> {
                int arr = newLocal();
                o.add(new MakeArrayStmt(at, values.size(), arr));
                values.forEach(v -> o.add(new ArrayAppendStmt(at, v, arr)));
                next.plan(new Operand.Local(arr), o);
            });
        } else if (t instanceof Term.SetTerm s) {
            List<Operand> values = new ArrayList<>();
            items(s.items(), scope, out, (v, o) -> values.add(v), o -> {
                int set = newLocal();
                o.add(new MakeSetStmt(at, set));
                values.forEach(v -> o.add(new SetAddStmt(at, v, set)));
                next.plan(new Operand.Local(set), o);
            });
        } else if (t instanceof Term.ObjectTerm obj) {
            List<Term> keysAndValues = new ArrayList<>();
            obj.entries().forEach(e -> {
                keysAndValues.add(e.key());
                keysAndValues.add(e.value());
            });
            List<Operand> values = new ArrayList<>();
            items(keysAndValues, scope, out, (v, o) -> values.add(v), o -> {
                int target = newObject(o);
                for (int i = 0; i < values.size(); i += 2) {
                    o.add(new ObjectInsertStmt(at, values.get(i), values.get(i + 1), target));
                }
                next.plan(new Operand.Local(target), o);
            });
        } else if (t instanceof Term.ArrayCompr c) {
            new ComprehensionPlanner(this).array(c, scope, out, next);
        } else if (t instanceof Term.SetCompr c) {
            new ComprehensionPlanner(this).set(c, scope, out, next);
        } else if (t instanceof Term.ObjectCompr c) {
            new ComprehensionPlanner(this).object(c, scope, out, next);
        } else if (t instanceof Term.TemplateString ts) {
            term(TemplateStrings.lower(ts, this::newLocal), scope, out, next);
        } else {
            throw RegoCompileException.unsupported(t.loc(), "term " + t.getClass().getSimpleName());
        }
    }

    /** Scalars, bound variables, and arrays, sets and objects of those. */
    private boolean isPlain(Term t, Scope scope) {
        if (t instanceof Term.Bool || t instanceof Term.Str || t instanceof Term.Null || t instanceof Term.Num) {
            return true;
        }
        if (t instanceof Term.Var v) {
            return !v.isWildcard() && scope.local(v.name()) != null;
        }
        if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().allMatch(x -> isPlain(x, scope));
        }
        if (t instanceof Term.SetTerm st) {
            return st.items().stream().allMatch(x -> isPlain(x, scope));
        }
        if (t instanceof Term.ObjectTerm o) {
            return o.entries().stream().allMatch(e -> isPlain(e.key(), scope) && isPlain(e.value(), scope));
        }
        return false;
    }

    private Operand plain(Term t, Scope scope, List<Statement> out) {
        if (t instanceof Term.Bool b) {
            return new Operand.Bool(b.value());
        } else if (t instanceof Term.Str s) {
            return new Operand.StringIndex(policy.statics().string(s.value()));
        } else if (t instanceof Term.Null) {
            int l = newLocal();
            out.add(new MakeNullStmt(at, l));
            return new Operand.Local(l);
        } else if (t instanceof Term.Num n) {
            return new Operand.Local(number(n.text(), out));
        } else if (t instanceof Term.Var v) {
            return new Operand.Local(scope.local(v.name()));
        } else if (t instanceof Term.ArrayTerm a) {
            int arr = newLocal();
            out.add(new MakeArrayStmt(at, a.items().size(), arr));
            a.items().forEach(x -> out.add(new ArrayAppendStmt(at, plain(x, scope, out), arr)));
            return new Operand.Local(arr);
        } else if (t instanceof Term.SetTerm st) {
            int set = newLocal();
            out.add(new MakeSetStmt(at, set));
            st.items().forEach(x -> out.add(new SetAddStmt(at, plain(x, scope, out), set)));
            return new Operand.Local(set);
        }
        Term.ObjectTerm o = (Term.ObjectTerm) t;
        int obj = newObject(out);
        for (Term.Entry e : o.entries()) {
            Operand k = plain(e.key(), scope, out);
            out.add(new ObjectInsertStmt(at, k, plain(e.value(), scope, out), obj));
        }
        return new Operand.Local(obj);
    }

    private int newObject(List<Statement> out) {
        int obj = newLocal();
        out.add(new MakeObjectStmt(at, obj));
        return obj;
    }

    /**
     * Plans the items, then {@code each} with their values in source order, then {@code done}. An item that reads a
     * variable which only a later item's reference binds waits for it: OPA expands a literal's nested calls into
     * expressions of their own before its safety ordering (v1/ast/compile.go rewriteExprTerms, expandExprTerm), so
     * in {@code {"a": sprintf("%d", [i + 1]), "b": xs[i]}} the reference runs first.
     */
    void items(List<Term> items, Scope scope, List<Statement> out, WithOperand each, Next done) {
        List<Integer> pending = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            pending.add(k);
        }
        items(items, pending, new Operand[items.size()], scope, out, each, done);
    }

    private void items(List<Term> items, List<Integer> pending, Operand[] values, Scope scope, List<Statement> out,
            WithOperand each, Next done) {
        if (pending.isEmpty()) {
            for (Operand v : values) {
                each.plan(v, out);
            }
            done.plan(out);
            return;
        }
        int next = pending.stream().filter(k -> !readsUnbound(items.get(k), scope)).findFirst().orElse(pending.get(0));
        List<Integer> rest = new ArrayList<>(pending);
        rest.remove(Integer.valueOf(next));
        term(items.get(next), scope, out, (v, o) -> {
            Operand[] known = values.clone();
            known[next] = v;
            items(items, rest, known, scope, o, each, done);
        });
    }

    /** Whether the term reads an unbound variable other than in the path of a reference, which iterates it. */
    private boolean readsUnbound(Term t, Scope scope) {
        if (t instanceof Term.Var) {
            return isUnboundVar(t, scope);
        } else if (t instanceof Term.Ref r) {
            return readsUnbound(r.head(), scope) || r.path().stream().anyMatch(p -> !(p instanceof Term.Var
                    || p instanceof Term.ArrayTerm || p instanceof Term.ObjectTerm) && readsUnbound(p, scope));
        } else if (t instanceof Term.Call c) {
            return c.args().stream().anyMatch(a -> readsUnbound(a, scope));
        } else if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().anyMatch(x -> readsUnbound(x, scope));
        } else if (t instanceof Term.SetTerm st) {
            return st.items().stream().anyMatch(x -> readsUnbound(x, scope));
        } else if (t instanceof Term.ObjectTerm o) {
            return o.entries().stream().anyMatch(e -> readsUnbound(e.key(), scope) || readsUnbound(e.value(), scope));
        }
        return false;
    }

    int number(String text, List<Statement> out) {
        int l = newLocal();
        try {
            long v = new BigInteger(text).longValueExact();
            out.add(new MakeNumberIntStmt(at, v, l));
        } catch (NumberFormatException | ArithmeticException e) {
            out.add(new MakeNumberRefStmt(at, policy.statics().string(text), l));
        }
        return l;
    }

    /** The operand as a local (constants are copied into one), for statements that take only locals. */
    int local(Operand op, List<Statement> out) {
        if (op instanceof Operand.Local l) {
            return l.index();
        }
        int l = newLocal();
        out.add(new AssignVarStmt(at, op, l));
        return l;
    }

    /** A variable standing for an already computed local ('$' cannot start a Rego name, so no clash). */
    static Term.Var localTerm(int local, Scope scope) {
        String name = "$" + local;
        scope.bind(name, local);
        return new Term.Var(null, name);
    }

    StatementLocation at() {
        return at;
    }

    PolicyPlanner policy() {
        return policy;
    }
}
