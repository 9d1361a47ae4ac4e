package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code every k, v in domain { body }} in OPA's shape, as "no element fails the body": the domain
 * must be an array, object or set; for each element a flag records whether the body held, and a second
 * flag records that some element's body did not; the expression holds when that second flag stays unset.
 */
final class EveryPlanner {
    private final BodyPlanner body;

    EveryPlanner(BodyPlanner body) {
        this.body = body;
    }

    void plan(Expr.Every every, Scope scope, List<Statement> out, BodyPlanner.Next next) {
        int someFailed = body.newLocal();
        int held = body.newLocal();
        out.add(new ResetLocalStmt(body.at(every.loc()), someFailed));
        body.term(every.domain(), scope, out, (domain, o) -> {
            int source = body.local(domain, o);
            o.add(collectionOrBreak(new Operand.Local(source)));
            int key = body.newLocal();
            int value = body.newLocal();
            List<Statement> each = new ArrayList<>();
            each.add(new ResetLocalStmt(body.at(), held));
            // the key, value and body bindings are the body's own
            Scope inner = scope.copy();
            if (every.key() != null && !every.key().isWildcard()) {
                inner.bind(every.key().name(), key);
            }
            if (!every.value().isWildcard()) {
                inner.bind(every.value().name(), value);
            }
            List<Statement> check = new ArrayList<>();
            body.body(every.body(), inner, check, o2 -> o2.add(new AssignVarStmt(body.at(), new Operand.Bool(true), held)));
            each.add(new BlockStmt(body.at(), List.of(new Block(check))));
            each.add(new IsUndefinedStmt(body.at(), held));
            each.add(new AssignVarStmt(body.at(), new Operand.Bool(true), someFailed));
            o.add(new ScanStmt(body.at(), source, key, value, new Block(each)));
            o.add(new IsUndefinedStmt(body.at(), someFailed));
            next.plan(o);
        });
    }

    /** Goes on when the value is an array, object or set; otherwise leaves the enclosing block. */
    private Statement collectionOrBreak(Operand domain) {
        List<Block> kinds = List.of(
                new Block(List.of(new IsArrayStmt(body.at(), domain), new BreakStmt(body.at(), 1))),
                new Block(List.of(new IsObjectStmt(body.at(), domain), new BreakStmt(body.at(), 1))),
                new Block(List.of(new IsSetStmt(body.at(), domain), new BreakStmt(body.at(), 1))));
        return new BlockStmt(body.at(), List.of(new Block(List.of(new BlockStmt(body.at(), kinds), new BreakStmt(body.at(), 1)))));
    }
}
