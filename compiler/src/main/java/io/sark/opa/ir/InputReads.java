package io.sark.opa.ir;

import io.sark.opa.ir.Statement.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which parts of {@code input} each entrypoint of a policy can read. Local 0 of a plan holds input (OPA's planner,
 * v1/ir/ir.go: "Input is stored in local 0, Data in local 1"); every function gets input and data as its first two
 * parameters. A dot with a constant string key on a local that holds part of input reads one key deeper; copies carry
 * the part along; type and definedness tests read only the kind of value; a call to a plan function reads what that
 * function reads of its parameter there. Any other use (a builtin, iteration, comparison, building a value, a
 * {@code with}, a non-constant key, returning it) reads the whole part. The analysis ignores statement order, so it
 * holds for every path through the blocks.
 */
public final class InputReads {
    /** Beyond this, a path is read whole: inputs nest no deeper (the host refuses input past 256 levels). */
    private static final int MAX_PATH = 256;
    private static final int MAX_PASSES = 64;

    private final Policy policy;
    private final Map<String, Func> funcs = new HashMap<>();
    private final Map<String, PathTree[]> summaries = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    private InputReads(Policy policy) {
        this.policy = policy;
        policy.funcs().forEach(f -> funcs.put(f.name(), f));
    }

    /** For each entrypoint, in plan order, the parts of input it can read. */
    public static Map<String, PathTree> of(Policy policy) {
        InputReads analysis = new InputReads(policy);
        Map<String, PathTree> reads = new LinkedHashMap<>();
        for (Plan plan : policy.plans()) {
            reads.put(plan.name(), analysis.analyse(plan.blocks(), List.of(0), 1, -1)[0]);
        }
        return reads;
    }

    /** The custom section payload: a JSON object from entrypoint name to its {@link PathTree}. */
    public static String json(Map<String, PathTree> reads) {
        StringBuilder out = new StringBuilder("{");
        reads.forEach((name, tree) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            PathTree.quote(out, name);
            out.append(':').append(tree.toJson());
        });
        return out.append('}').toString();
    }

    /** What {@code func} reads of each of its parameters; every parameter whole if it is reached again while analysed. */
    private PathTree[] summary(Func func) {
        PathTree[] done = summaries.get(func.name());
        if (done != null) {
            return done;
        }
        if (!inProgress.add(func.name())) {
            return wholes(func.params().size());
        }
        PathTree[] result = analyse(func.blocks(), func.params(), func.params().size(), func.returnLocal());
        inProgress.remove(func.name());
        summaries.put(func.name(), result);
        return result;
    }

    private static PathTree[] wholes(int n) {
        PathTree[] trees = new PathTree[n];
        for (int i = 0; i < n; i++) {
            trees[i] = new PathTree();
            trees[i].markWhole(List.of());
        }
        return trees;
    }

    /** A part of parameter {@code root}'s value, at {@code path}. */
    private record Ref(int root, List<String> path) {}

    /**
     * Runs the blocks with local {@code params[i]} holding parameter i, until no local takes on a new part. The value
     * a function returns (its {@code returnLocal}; -1 for a plan) is read whole.
     */
    private PathTree[] analyse(List<Block> blocks, List<Integer> params, int roots, int returnLocal) {
        Pass pass = new Pass(roots);
        for (int i = 0; i < roots; i++) {
            pass.add(params.get(i), new Ref(i, List.of()));
            pass.reads[i] = new PathTree(); // a parameter is there, even if nothing reads it
        }
        int passes = 0;
        do {
            pass.changed = false;
            blocks.forEach(pass::block);
            pass.whole(returnLocal);
            if (++passes > MAX_PASSES) {
                return wholes(roots);
            }
        } while (pass.changed);
        return pass.reads;
    }

    /** One walk over a function's statements, flow-insensitive: what each local may hold, and what is read. */
    private final class Pass implements Statement.Visitor<Void> {
        final Map<Integer, Set<Ref>> locals = new HashMap<>();
        final PathTree[] reads;
        boolean changed;

        Pass(int roots) {
            reads = new PathTree[roots];
        }

        void block(Block block) {
            block.statements().forEach(s -> s.accept(this, null));
        }

        void add(int local, Ref ref) {
            if (locals.computeIfAbsent(local, k -> new HashSet<>()).add(ref)) {
                changed = true;
            }
        }

        Set<Ref> refs(Operand operand) {
            return operand instanceof Operand.Local l ? refs(l.index()) : Set.of();
        }

        Set<Ref> refs(int local) {
            return locals.getOrDefault(local, Set.of());
        }

        void whole(Set<Ref> refs) {
            for (Ref r : List.copyOf(refs)) {
                reads[r.root()].markWhole(r.path());
            }
        }

        void whole(Operand operand) {
            whole(refs(operand));
        }

        void whole(int local) {
            whole(refs(local));
        }

        /** Reads the kind of value (and whether it is there) only. */
        void shape(Set<Ref> refs) {
            for (Ref r : List.copyOf(refs)) {
                reads[r.root()].node(r.path());
            }
        }

        void copy(Operand source, int target) {
            for (Ref r : List.copyOf(refs(source))) {
                add(target, r);
            }
        }

        @Override
        public void visit(DotStmt s, Void c) {
            Set<Ref> source = refs(s.source());
            if (source.isEmpty()) {
                whole(s.key()); // a key taken from input is compared with the keys of some other value
                return;
            }
            if (!(s.key() instanceof Operand.StringIndex key)) {
                whole(source);
                whole(s.key());
                return;
            }
            String name = policy.strings().get(key.index());
            for (Ref r : List.copyOf(source)) {
                if (r.path().size() >= MAX_PATH) {
                    reads[r.root()].markWhole(r.path());
                    continue;
                }
                List<String> path = new ArrayList<>(r.path());
                path.add(name);
                Ref child = new Ref(r.root(), List.copyOf(path));
                reads[r.root()].node(child.path());
                add(s.target(), child);
            }
        }

        @Override
        public void visit(CallStmt s, Void c) {
            Func callee = funcs.get(s.func());
            if (callee == null) { // a builtin: it may read all of every argument
                s.args().forEach(this::whole);
                return;
            }
            PathTree[] summary = summary(callee);
            for (int i = 0; i < s.args().size(); i++) {
                for (Ref r : List.copyOf(refs(s.args().get(i)))) {
                    if (i < summary.length) {
                        reads[r.root()].graft(r.path(), summary[i]);
                    } else {
                        reads[r.root()].markWhole(r.path());
                    }
                }
            }
        }

        @Override
        public void visit(CallDynamicStmt s, Void c) {
            s.args().forEach(this::whole);
        }

        @Override
        public void visit(AssignVarOnceStmt s, Void c) {
            copy(s.source(), s.target());
        }

        @Override
        public void visit(AssignVarStmt s, Void c) {
            copy(s.source(), s.target());
        }

        @Override
        public void visit(IsArrayStmt s, Void c) {
            shape(refs(s.source()));
        }

        @Override
        public void visit(IsObjectStmt s, Void c) {
            shape(refs(s.source()));
        }

        @Override
        public void visit(IsSetStmt s, Void c) {
            shape(refs(s.source()));
        }

        @Override
        public void visit(IsDefinedStmt s, Void c) {
            shape(refs(s.source()));
        }

        @Override
        public void visit(IsUndefinedStmt s, Void c) {
            shape(refs(s.source()));
        }

        @Override
        public void visit(ArrayAppendStmt s, Void c) {
            whole(s.value());
        }

        @Override
        public void visit(EqualStmt s, Void c) {
            whole(s.a());
            whole(s.b());
        }

        @Override
        public void visit(NotEqualStmt s, Void c) {
            whole(s.a());
            whole(s.b());
        }

        @Override
        public void visit(LenStmt s, Void c) {
            whole(s.source());
        }

        @Override
        public void visit(ObjectInsertOnceStmt s, Void c) {
            whole(s.key());
            whole(s.value());
        }

        @Override
        public void visit(ObjectInsertStmt s, Void c) {
            whole(s.key());
            whole(s.value());
        }

        @Override
        public void visit(ObjectMergeStmt s, Void c) {
            whole(s.a());
            whole(s.b());
        }

        @Override
        public void visit(ResultSetAddStmt s, Void c) {
            whole(s.value());
        }

        @Override
        public void visit(ReturnLocalStmt s, Void c) {
            whole(s.source());
        }

        @Override
        public void visit(SetAddStmt s, Void c) {
            whole(s.value());
        }

        @Override
        public void visit(ScanStmt s, Void c) {
            whole(s.source());
            block(s.block());
        }

        @Override
        public void visit(WithStmt s, Void c) {
            whole(s.local());
            whole(s.value());
            block(s.block());
        }

        @Override
        public void visit(BlockStmt s, Void c) {
            s.blocks().forEach(this::block);
        }

        @Override
        public void visit(NotStmt s, Void c) {
            block(s.block());
        }

        @Override
        public void visit(AssignIntStmt s, Void c) {}

        @Override
        public void visit(BreakStmt s, Void c) {}

        @Override
        public void visit(MakeArrayStmt s, Void c) {}

        @Override
        public void visit(MakeNullStmt s, Void c) {}

        @Override
        public void visit(MakeNumberIntStmt s, Void c) {}

        @Override
        public void visit(MakeNumberRefStmt s, Void c) {}

        @Override
        public void visit(MakeObjectStmt s, Void c) {}

        @Override
        public void visit(MakeSetStmt s, Void c) {}

        @Override
        public void visit(NopStmt s, Void c) {}

        @Override
        public void visit(ResetLocalStmt s, Void c) {}
    }
}
