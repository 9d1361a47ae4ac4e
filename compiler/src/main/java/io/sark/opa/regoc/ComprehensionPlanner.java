package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/** Plans comprehensions: a fresh collection, filled by a nested block that runs the body (OPA's shape). */
final class ComprehensionPlanner {
    private final BodyPlanner body;

    ComprehensionPlanner(BodyPlanner body) {
        this.body = body;
    }

    void array(Term.ArrayCompr c, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        int target = body.newLocal();
        out.add(new MakeArrayStmt(body.at(), 0, target));
        fill(c.body(), scope, out, (inner, o) -> body.term(c.head(), inner, o,
                (v, o2) -> o2.add(new ArrayAppendStmt(body.at(), v, target))));
        next.plan(new Operand.Local(target), out);
    }

    void set(Term.SetCompr c, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        int target = body.newLocal();
        out.add(new MakeSetStmt(body.at(), target));
        fill(c.body(), scope, out, (inner, o) -> body.term(c.head(), inner, o,
                (v, o2) -> o2.add(new SetAddStmt(body.at(), v, target))));
        next.plan(new Operand.Local(target), out);
    }

    void object(Term.ObjectCompr c, Scope scope, List<Statement> out, BodyPlanner.WithOperand next) {
        int target = body.newLocal();
        out.add(new MakeObjectStmt(body.at(), target));
        fill(c.body(), scope, out, (inner, o) -> body.term(c.key(), inner, o, (k, o2) -> body.term(c.value(), inner, o2,
                (v, o3) -> o3.add(new ObjectInsertOnceStmt(body.at(), k, v, target)))));
        next.plan(new Operand.Local(target), out);
    }

    private interface Emit {
        void plan(Scope inner, List<Statement> out);
    }

    private void fill(io.sark.opa.rego.Body b, Scope scope, List<Statement> out, Emit emit) {
        // the body's bindings belong to the comprehension only
        Scope inner = scope.copy();
        List<Statement> stmts = new ArrayList<>();
        body.body(b, inner, stmts, o -> emit.plan(inner, o));
        out.add(new BlockStmt(body.at(), List.of(new Block(stmts))));
    }
}
