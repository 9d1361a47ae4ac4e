package io.sark.opa.regoc;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a document that rules define piecewise (a package, e.g. {@code data.query}) as an object: each
 * rule or sub-package below it that is defined becomes a key, merged over the base data at that path.
 */
final class VirtualDocPlanner {
    private final PolicyPlanner policy;
    private final BodyPlanner body;

    VirtualDocPlanner(PolicyPlanner policy, BodyPlanner body) {
        this.policy = policy;
        this.body = body;
    }

    /**
     * A local holding the document at {@code data.<path>}, with only the rules a reference going on with
     * {@code keys} can reach ({@code data[x].y} needs no rule other than those named {@code y}, so a rule using
     * it is no part of what it reads).
     */
    int document(List<String> path, List<Term> keys, List<Statement> out) {
        int virtual = body.newLocal();
        out.add(new MakeObjectStmt(body.at(), virtual));
        children(path, keys, virtual, out);
        return mergeBase(path, virtual, out);
    }

    /** Inserts into {@code object} the value of each rule or document one level below {@code path}. */
    private void children(List<String> path, List<Term> keys, int object, List<Statement> out) {
        RuleIndex rules = body.context().rules();
        for (String child : rules.children(path)) {
            if (!keys.isEmpty() && !RuleIndex.mayName(keys.get(0), child)) {
                continue;
            }
            List<String> childPath = new ArrayList<>(path);
            childPath.add(child);
            RuleGroup group = rules.group(childPath);
            if (group != null && group.arity() > 0) {
                continue; // functions are no part of the document
            }
            List<Statement> block = new ArrayList<>();
            int value = value(childPath, keys.isEmpty() ? keys : keys.subList(1, keys.size()), block);
            int key = policy.statics().string(child);
            block.add(new ObjectInsertStmt(body.at(), new Operand.StringIndex(key), new Operand.Local(value), object));
            // an undefined rule ends only its own block: the key is left out
            out.add(new BlockStmt(body.at(), List.of(new Block(block))));
        }
    }

    private int value(List<String> path, List<Term> keys, List<Statement> out) {
        RuleGroup group = body.context().rules().group(path);
        if (group != null) {
            int result = body.newLocal();
            out.add(new CallStmt(body.at(), policy.ruleFunc(group, body.context()), List.of(new Operand.Local(0), new Operand.Local(1)),
                    result));
            return result;
        }
        return document(path, keys, out);
    }

    /** The base document at the path with the virtual one merged over it; just the virtual one if none. */
    private int mergeBase(List<String> path, int virtual, List<Statement> out) {
        int result = body.newLocal();
        List<Statement> withBase = new ArrayList<>();
        int current = 1;
        for (String seg : path) {
            int next = body.newLocal();
            withBase.add(new DotStmt(body.at(), new Operand.Local(current), new Operand.StringIndex(policy.statics().string(seg)), next));
            current = next;
        }
        withBase.add(new ObjectMergeStmt(body.at(), current, virtual, result));
        // leave both the inner and the outer block, skipping the fallback below
        withBase.add(new BreakStmt(body.at(), 1));
        List<Statement> outer = new ArrayList<>();
        outer.add(new BlockStmt(body.at(), List.of(new Block(withBase))));
        outer.add(new AssignVarStmt(body.at(), new Operand.Local(virtual), result));
        out.add(new BlockStmt(body.at(), List.of(new Block(outer))));
        return result;
    }
}
