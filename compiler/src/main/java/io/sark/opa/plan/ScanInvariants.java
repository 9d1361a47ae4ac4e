package io.sark.opa.plan;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lookups of a scan's body that find the same value in every iteration, so that the loop may do each once. OPA's
 * planner repeats a lookup in the body when the Rego wrote it there ({@code some x in xs; x == data.a[input.b].c}
 * looks {@code data.a[input.b].c} up once per element), and every lookup is several calls into the runtime.
 *
 * <p>A {@link DotStmt} at the top level of the body is invariant when its source and key are constants or locals
 * the body never writes, nor changes the collection of. The target of an invariant lookup counts as such a local for
 * the lookups after it when that lookup is the body's only write to it and the body changes no collection at all.
 * The loop still runs each lookup where it stands, only the first time it gets there, so an iteration that leaves
 * the body before a lookup never runs it, as before.
 */
final class ScanInvariants {

    private ScanInvariants() {}

    /** The invariant lookups of {@code scan}'s body, by identity (equal statements may stand in different places). */
    static Set<DotStmt> of(ScanStmt scan) {
        Writes writes = new Writes();
        writes.local(scan.key());
        writes.local(scan.value());
        writes.block(scan.block());
        // a lookup's result may be a collection the body changes through another local: then only lookups from locals
        // the body never writes are invariant
        boolean chains = !writes.changesCollections;
        Set<Integer> invariantTargets = new HashSet<>();
        Set<DotStmt> invariant = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Statement s : scan.block().statements()) {
            if (s instanceof DotStmt dot && dot.source() instanceof Operand.Local
                    && unchanged(dot.source(), writes, invariantTargets)
                    && unchanged(dot.key(), writes, invariantTargets)) {
                invariant.add(dot);
                if (chains && writes.count(dot.target()) == 1) {
                    invariantTargets.add(dot.target());
                }
            }
        }
        return invariant;
    }

    private static boolean unchanged(Operand operand, Writes writes, Set<Integer> invariantTargets) {
        return !(operand instanceof Operand.Local l) || writes.count(l.index()) == 0
                || invariantTargets.contains(l.index());
    }

    /** The locals a block writes (a value assigned, or the collection it holds changed), with nested blocks. */
    private static final class Writes implements Statement.Visitor<Void> {
        private final Map<Integer, Integer> counts = new HashMap<>();
        boolean changesCollections;

        int count(int local) {
            return counts.getOrDefault(local, 0);
        }

        void local(int local) {
            counts.merge(local, 1, Integer::sum);
        }

        private void changed(int collection) {
            local(collection);
            changesCollections = true;
        }

        void block(Block block) {
            for (Statement s : block.statements()) {
                s.accept(this, null);
                for (Block nested : s.nested()) {
                    block(nested);
                }
            }
        }

        @Override public void visit(ArrayAppendStmt s, Void c) { changed(s.array()); }
        @Override public void visit(AssignIntStmt s, Void c) { local(s.target()); }
        @Override public void visit(AssignVarOnceStmt s, Void c) { local(s.target()); }
        @Override public void visit(AssignVarStmt s, Void c) { local(s.target()); }
        @Override public void visit(BlockStmt s, Void c) {}
        @Override public void visit(BreakStmt s, Void c) {}
        @Override public void visit(CallDynamicStmt s, Void c) { local(s.result()); }
        @Override public void visit(CallStmt s, Void c) { local(s.result()); }
        @Override public void visit(DotStmt s, Void c) { local(s.target()); }
        @Override public void visit(EqualStmt s, Void c) {}
        @Override public void visit(IsArrayStmt s, Void c) {}
        @Override public void visit(IsDefinedStmt s, Void c) {}
        @Override public void visit(IsObjectStmt s, Void c) {}
        @Override public void visit(IsSetStmt s, Void c) {}
        @Override public void visit(IsUndefinedStmt s, Void c) {}
        @Override public void visit(LenStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeArrayStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeNullStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeNumberIntStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeNumberRefStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeObjectStmt s, Void c) { local(s.target()); }
        @Override public void visit(MakeSetStmt s, Void c) { local(s.target()); }
        @Override public void visit(NopStmt s, Void c) {}
        @Override public void visit(NotEqualStmt s, Void c) {}
        @Override public void visit(NotStmt s, Void c) {}
        @Override public void visit(ObjectInsertOnceStmt s, Void c) { changed(s.object()); }
        @Override public void visit(ObjectInsertStmt s, Void c) { changed(s.object()); }
        @Override public void visit(ObjectMergeStmt s, Void c) { local(s.target()); }
        @Override public void visit(ResetLocalStmt s, Void c) { local(s.target()); }
        @Override public void visit(ResultSetAddStmt s, Void c) {}
        @Override public void visit(ReturnLocalStmt s, Void c) {}
        @Override public void visit(ScanStmt s, Void c) { local(s.key()); local(s.value()); }
        @Override public void visit(SetAddStmt s, Void c) { changed(s.set()); }
        @Override public void visit(WithStmt s, Void c) { local(s.local()); }
    }
}
