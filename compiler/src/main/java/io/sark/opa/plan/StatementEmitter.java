package io.sark.opa.plan;

import io.sark.opa.ir.Block;
import io.sark.opa.ir.Func;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.ir.StatementLocation;
import io.sark.opa.wasm.CodeBuilder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the statements of one plan or function to wasm, one visitor method per statement kind. Every IR
 * block is a wasm {@code block}, so "undefined" is {@code br 0} and {@code BreakStmt(i)} is {@code br i}; a scan
 * is a {@code loop} inside a {@code block} (as OPA's own compiler does), so undefined in its body moves to the
 * next element.
 */
final class StatementEmitter implements Statement.Visitor<String> {
    private static final int TYPE_ARRAY = 5;
    private static final int TYPE_OBJECT = 6;
    private static final int TYPE_SET = 7;
    /** What a once-per-scan lookup's local holds before the lookup ran: no address of a value, nor 0 (undefined). */
    private static final int NOT_LOOKED_UP = -1;

    private final Linkage link;
    private final CodeBuilder code;
    private final Locals locals;
    private final String where;
    /** Memoization id (plain rules), or -1. */
    private final int memoId;
    /** Result set local of a plan, or -1 in functions. */
    private final int resultSet;
    private final String assignConflict;
    /** Lookups done once per scan ({@link ScanInvariants}): the wasm local keeping each one's result. */
    private final Map<DotStmt, Integer> onceDots = new IdentityHashMap<>();

    StatementEmitter(Linkage link, CodeBuilder code, Locals locals, String where, int memoId, int resultSet,
            String assignConflict) {
        this.link = link;
        this.code = code;
        this.locals = locals;
        this.where = where;
        this.memoId = memoId;
        this.resultSet = resultSet;
        this.assignConflict = assignConflict;
    }

    /** A top-level block of a plan or function. */
    void topBlock(Block block, int index) {
        code.block();
        statements(block, where + " block " + index);
        code.end();
    }

    private void statements(Block block, String at) {
        List<Statement> stmts = block.statements();
        for (int i = 0; i < stmts.size(); i++) {
            Statement s = stmts.get(i);
            s.accept(this, at + " statement " + i + " (" + s.typeName() + ")");
        }
    }

    private void nested(Block block, String at) {
        code.block();
        statements(block, at);
        code.end();
    }

    @Override
    public void visit(ArrayAppendStmt s, String at) {
        code.localGet(local(s.array()));
        read(s.value(), at);
        call("opa_array_append");
    }

    @Override
    public void visit(AssignIntStmt s, String at) {
        // a fresh number rather than mutating one that may be shared
        code.i64Const(s.value());
        call("opa_number_int");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(AssignVarOnceStmt s, String at) {
        code.block().block();
        code.localGet(local(s.target())).i32Eqz().brIf(0);
        code.localGet(local(s.target()));
        read(s.source(), at);
        call("opa_value_compare");
        code.i32Eqz().brIf(1);
        runtimeError(s.location(), assignConflict);
        code.end();
        read(s.source(), at);
        code.localSet(local(s.target()));
        code.end();
    }

    @Override
    public void visit(AssignVarStmt s, String at) {
        read(s.source(), at);
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(BlockStmt s, String at) {
        for (int i = 0; i < s.blocks().size(); i++) {
            nested(s.blocks().get(i), at + " block " + i);
        }
    }

    @Override
    public void visit(BreakStmt s, String at) {
        if (s.index() < 0 || s.index() >= code.depth()) {
            throw new PlanCompileException(at + ": break index " + s.index() + " leaves the function (only "
                    + code.depth() + " blocks enclose it)");
        }
        code.br(s.index());
    }

    @Override
    public void visit(DotStmt s, String at) {
        Integer once = onceDots.get(s);
        if (once != null) {
            code.localGet(once).i32Const(NOT_LOOKED_UP).i32Eq().ifThen();
            lookup(s, at);
            code.localSet(once);
            code.end();
            code.localGet(once).localTee(local(s.target())).i32Eqz().brIf(0);
        } else if (s.source() instanceof Operand.Local) {
            lookup(s, at);
            code.localTee(local(s.target())).i32Eqz().brIf(0);
        } else {
            code.br(0); // strings and booleans have no members
        }
    }

    private void lookup(DotStmt s, String at) {
        code.localGet(local(((Operand.Local) s.source()).index()));
        read(s.key(), at);
        call("opa_value_get");
    }

    @Override
    public void visit(EqualStmt s, String at) {
        if (!s.a().equals(s.b())) {
            read(s.a(), at);
            read(s.b(), at);
            call("opa_value_compare");
            code.brIf(0);
        }
    }

    @Override
    public void visit(IsArrayStmt s, String at) {
        isType(s.source(), TYPE_ARRAY);
    }

    @Override
    public void visit(IsObjectStmt s, String at) {
        isType(s.source(), TYPE_OBJECT);
    }

    @Override
    public void visit(IsSetStmt s, String at) {
        isType(s.source(), TYPE_SET);
    }

    @Override
    public void visit(IsDefinedStmt s, String at) {
        code.localGet(local(s.source())).i32Eqz().brIf(0);
    }

    @Override
    public void visit(IsUndefinedStmt s, String at) {
        code.localGet(local(s.source())).brIf(0);
    }

    @Override
    public void visit(LenStmt s, String at) {
        read(s.source(), at);
        call("opa_value_length");
        code.i64ExtendI32U();
        call("opa_number_int");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeArrayStmt s, String at) {
        code.i32Const(s.capacity());
        call("opa_array_with_cap");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeNullStmt s, String at) {
        call("opa_null");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeNumberIntStmt s, String at) {
        code.i64Const(s.value());
        call("opa_number_int");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeNumberRefStmt s, String at) {
        String text = link.string(s.index(), at);
        code.i32Const(link.data.text(text)).i32Const(StaticData.length(text));
        call("opa_number_ref");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeObjectStmt s, String at) {
        call("opa_object");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(MakeSetStmt s, String at) {
        call("opa_set");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(NotStmt s, String at) {
        int cond = locals.temp();
        code.i32Const(1).localSet(cond);
        code.block();
        statements(s.block(), at + " block");
        code.i32Const(0).localSet(cond);
        code.end();
        code.localGet(cond).i32Eqz().brIf(0);
    }

    @Override
    public void visit(ObjectInsertOnceStmt s, String at) {
        int existing = locals.temp();
        code.block().block();
        code.localGet(local(s.object()));
        read(s.key(), at);
        call("opa_value_get");
        code.localTee(existing).i32Eqz().brIf(0);
        code.localGet(existing);
        read(s.value(), at);
        call("opa_value_compare");
        code.i32Eqz().brIf(1);
        runtimeError(s.location(), "eval_conflict_error: object keys must be unique");
        code.end();
        code.localGet(local(s.object()));
        read(s.key(), at);
        read(s.value(), at);
        call("opa_object_insert");
        code.end();
    }

    @Override
    public void visit(ObjectInsertStmt s, String at) {
        code.localGet(local(s.object()));
        read(s.key(), at);
        read(s.value(), at);
        call("opa_object_insert");
    }

    @Override
    public void visit(ObjectMergeStmt s, String at) {
        code.localGet(local(s.a())).localGet(local(s.b()));
        call("opa_value_merge");
        code.localSet(local(s.target()));
    }

    @Override
    public void visit(ResetLocalStmt s, String at) {
        code.i32Const(0).localSet(local(s.target()));
    }

    @Override
    public void visit(ResultSetAddStmt s, String at) {
        if (resultSet < 0) {
            throw new PlanCompileException(at + ": ResultSetAddStmt outside a plan");
        }
        code.localGet(resultSet).localGet(local(s.value()));
        call("opa_set_add");
    }

    @Override
    public void visit(ReturnLocalStmt s, String at) {
        if (memoId >= 0) {
            code.i32Const(memoId).localGet(local(s.source()));
            call("opa_memoize_insert");
        }
        code.localGet(local(s.source())).ret();
    }

    @Override
    public void visit(ScanStmt s, String at) {
        int source = local(s.source());
        int key = local(s.key());
        for (DotStmt dot : ScanInvariants.of(s)) {
            int once = locals.temp();
            onceDots.put(dot, once);
            code.i32Const(NOT_LOOKED_UP).localSet(once); // each time the scan starts: its sources may differ
        }
        code.i32Const(0).localSet(key);
        code.block().loop();
        code.localGet(source).localGet(key);
        call("opa_value_iter");
        code.localTee(key).i32Eqz().brIf(1);
        code.localGet(source).localGet(key);
        call("opa_value_get");
        code.localSet(local(s.value()));
        statements(s.block(), at + " block");
        code.br(0);
        code.end().end();
    }

    @Override
    public void visit(SetAddStmt s, String at) {
        code.localGet(local(s.set()));
        read(s.value(), at);
        call("opa_set_add");
    }

    private void isType(Operand source, int type) {
        if (source instanceof Operand.Local l) {
            code.localGet(local(l.index()));
            call("opa_value_type");
            code.i32Const(type).i32Ne().brIf(0);
        } else {
            code.br(0);
        }
    }

    @Override
    public void visit(NopStmt s, String at) {
        // nothing to emit
    }

    @Override
    public void visit(NotEqualStmt s, String at) {
        if (s.a().equals(s.b())) {
            code.br(0);
            return;
        }
        boolean constants = (s.a() instanceof Operand.Bool && s.b() instanceof Operand.Bool)
                || (s.a() instanceof Operand.StringIndex a && s.b() instanceof Operand.StringIndex b
                        && !link.string(a.index(), at).equals(link.string(b.index(), at)));
        if (constants) {
            return; // different constants of one type are never equal
        }
        read(s.a(), at);
        read(s.b(), at);
        call("opa_value_compare");
        code.i32Eqz().brIf(0);
    }

    @Override
    public void visit(CallStmt s, String at) {
        Integer fn = link.planFunc(s.func());
        if (fn != null) {
            for (Operand a : s.args()) {
                read(a, at);
            }
            code.call(fn);
        } else if (s.func().equals("internal.print") && s.args().size() == 1) {
            // print's operands (an array of sets, one per print argument) go to the host's opa_println
            read(s.args().get(0), at);
            call("opa_println_value");
            code.i32Const(1);
            call("opa_boolean");
        } else if (link.isBuiltin(s.func())) {
            Linkage.BuiltinTarget t = link.builtin(s.func(), s.args().size(), at);
            if (t.isHost()) {
                code.i32Const(t.hostId()).i32Const(0); // builtin id, reserved context
            }
            for (Operand a : s.args()) {
                read(a, at);
            }
            code.call(t.function());
        } else {
            throw new PlanCompileException(at + ": unknown function " + s.func()
                    + " (neither a function of the plan nor a builtin in static.builtin_funcs)");
        }
        code.localTee(local(s.result())).i32Eqz().brIf(0);
    }

    /**
     * Calls the plan function whose path matches the path operands; undefined when none matches or the
     * function is undefined. Constant path parts are matched here, variable ones at run time.
     */
    @Override
    public void visit(CallDynamicStmt s, String at) {
        code.block(); // done
        for (Func f : link.policy.funcs()) {
            if (f.path().size() != s.path().size() || f.params().size() != s.args().size()) {
                continue;
            }
            if (!constantPartsMatch(f, s, at)) {
                continue;
            }
            code.block(); // this candidate does not match
            for (int j = 0; j < s.path().size(); j++) {
                if (s.path().get(j) instanceof Operand.Local l) {
                    code.localGet(local(l.index())).i32Const(link.stringValue(f.path().get(j)));
                    call("opa_value_compare");
                    code.brIf(0);
                }
            }
            for (int arg : s.args()) {
                code.localGet(local(arg));
            }
            code.call(link.planFunc(f.name()));
            code.localTee(local(s.result())).i32Eqz().brIf(2);
            code.br(1);
            code.end();
        }
        code.br(1); // no function at this path
        code.end();
    }

    private boolean constantPartsMatch(Func f, CallDynamicStmt s, String at) {
        for (int j = 0; j < s.path().size(); j++) {
            Operand p = s.path().get(j);
            if (p instanceof Operand.StringIndex si && !link.string(si.index(), at).equals(f.path().get(j))) {
                return false;
            }
            if (p instanceof Operand.Bool) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void visit(WithStmt s, String at) {
        int target = local(s.local());
        int saved = locals.temp();
        int undefined = locals.temp();
        call("opa_memoize_push");
        code.localGet(target).localSet(saved);
        if (s.path().isEmpty()) {
            read(s.value(), at);
            code.localSet(target);
        } else {
            code.localGet(target).i32Eqz().ifThen();
            call("opa_object");
            code.localSet(target);
            code.end();
            int path = locals.temp();
            code.i32Const(s.path().size());
            call("opa_array_with_cap");
            code.localSet(path);
            for (int p : s.path()) {
                code.localGet(path).i32Const(link.staticString(p, at));
                call("opa_array_append");
            }
            code.localGet(target).localGet(path);
            read(s.value(), at);
            call("opa_value_upsert_path");
            code.localSet(target);
        }
        code.i32Const(1).localSet(undefined);
        code.block();
        statements(s.block(), at + " block");
        code.i32Const(0).localSet(undefined);
        code.end();
        code.localGet(saved).localSet(target);
        call("opa_memoize_pop");
        code.localGet(undefined).brIf(0);
    }

    /** Aborts with OPA's "file:row:col: message". */
    private void runtimeError(StatementLocation loc, String message) {
        code.i32Const(link.data.cString(link.file(loc.file()))).i32Const(loc.row()).i32Const(loc.col())
                .i32Const(link.data.cString(message));
        call("opa_runtime_error");
        code.unreachable();
    }

    private void read(Operand op, String at) {
        if (op instanceof Operand.Local l) {
            code.localGet(local(l.index()));
        } else if (op instanceof Operand.Bool b) {
            code.i32Const(b.value() ? 1 : 0);
            call("opa_boolean");
        } else if (op instanceof Operand.StringIndex si) {
            code.i32Const(link.staticString(si.index(), at));
        } else {
            throw new PlanCompileException(at + ": operand kind " + op.getClass().getSimpleName() + " not supported");
        }
    }

    private int local(int irLocal) {
        return locals.of(irLocal);
    }

    private void call(String runtimeFunction) {
        code.call(link.runtime(runtimeFunction));
    }
}
