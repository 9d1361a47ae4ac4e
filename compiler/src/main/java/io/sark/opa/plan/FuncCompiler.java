package io.sark.opa.plan;

import io.sark.opa.ir.Func;
import io.sark.opa.ir.Plan;
import io.sark.opa.wasm.CodeBuilder;

/** Compiles one plan function or one entrypoint plan into a wasm function body. */
final class FuncCompiler {
    private final Linkage link;

    FuncCompiler(Linkage link) {
        this.link = link;
    }

    /**
     * A function: parameters are its IR params in order. Plain rules (input and data only) are memoized per
     * evaluation, keyed by their position in the plan.
     */
    byte[] compile(Func f, int position) {
        Locals locals = new Locals(f.params().size());
        for (int i = 0; i < f.params().size(); i++) {
            locals.bindParam(f.params().get(i), i);
        }
        int ret = locals.of(f.returnLocal());
        boolean memoize = f.params().size() == 2;
        CodeBuilder code = new CodeBuilder();
        if (memoize) {
            code.i32Const(position).call(link.runtime("opa_memoize_get")).localTee(ret).ifThen()
                    .localGet(ret).ret().end();
        }
        String conflict = f.params().size() > 2
                ? "eval_conflict_error: functions must not produce multiple outputs for same inputs"
                : "eval_conflict_error: complete rules must not produce multiple outputs";
        StatementEmitter emitter = new StatementEmitter(link, code, locals, "function " + f.name(),
                memoize ? position : -1, -1, conflict);
        for (int i = 0; i < f.blocks().size(); i++) {
            emitter.topBlock(f.blocks().get(i), i);
        }
        code.localGet(ret);
        return code.body(locals.declared());
    }

    /** An entrypoint: {@code (ctx)}, reading input and data from the context and storing its result set there. */
    byte[] compilePlan(Plan p) {
        Locals locals = new Locals(1);
        int input = locals.of(0);
        int data = locals.of(1);
        int resultSet = locals.temp();
        CodeBuilder code = new CodeBuilder();
        code.localGet(0).call(link.runtime("opa_eval_ctx_get_input")).localSet(input);
        code.localGet(0).call(link.runtime("opa_eval_ctx_get_data")).localSet(data);
        code.call(link.runtime("opa_set")).localSet(resultSet);
        code.localGet(0).localGet(resultSet).call(link.runtime("opa_eval_ctx_set_result"));
        StatementEmitter emitter = new StatementEmitter(link, code, locals, "plan " + p.name(), -1, resultSet,
                "eval_conflict_error: complete rules must not produce multiple outputs");
        for (int i = 0; i < p.blocks().size(); i++) {
            emitter.topBlock(p.blocks().get(i), i);
        }
        return code.body(locals.declared());
    }
}
