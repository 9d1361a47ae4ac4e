package io.sark.opa.bundle;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Func;
import io.sark.opa.ir.Plan;
import io.sark.opa.ir.Policy;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.StatementLocation;
import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoError;
import io.sark.opa.regoc.RegoCompileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejects the builtins embedded evaluation does not offer by design, naming each call's file and line:
 * {@code http.send} would make a network call inside a decision.
 */
final class EmbeddedEvaluation {
    static final String HTTP_SEND = "http.send";

    private EmbeddedEvaluation() {}

    /** Throws a {@link RegoCompileException} listing every call of a builtin embedded evaluation lacks. */
    static void check(Policy policy) {
        List<RegoError> errors = new ArrayList<>();
        for (Plan plan : policy.plans()) {
            plan.blocks().forEach(b -> calls(b, policy, errors));
        }
        for (Func func : policy.funcs()) {
            func.blocks().forEach(b -> calls(b, policy, errors));
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
    }

    private static void calls(Block block, Policy policy, List<RegoError> errors) {
        for (Statement s : block.statements()) {
            if (s instanceof Statement.CallStmt call && call.func().equals(HTTP_SEND)) {
                errors.add(new RegoError(RegoError.COMPILE, location(call.location(), policy), HTTP_SEND
                        + " is unsupported by design in embedded evaluation: it would make a network call inside a"
                        + " decision; evaluate this policy remotely instead (see docs/remote.md)"));
            }
            s.nested().forEach(b -> calls(b, policy, errors));
        }
    }

    private static Location location(StatementLocation at, Policy policy) {
        String file = at.file() >= 0 && at.file() < policy.files().size() ? policy.files().get(at.file()) : "<unknown>";
        return new Location(file, at.row(), at.col());
    }
}
