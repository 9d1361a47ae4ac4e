package io.sark.opa.plan;

import io.sark.opa.wasm.CodeBuilder;
import java.util.List;

/** Bodies of the ABI's {@code eval}, {@code entrypoints} and {@code builtins} exports. */
final class EntrypointFunctions {
    private EntrypointFunctions() {}

    /** {@code eval(ctx)}: fresh memo, then the plan of the context's entrypoint id; an unknown id aborts. */
    static byte[] eval(Linkage link, List<Integer> plans) {
        CodeBuilder code = new CodeBuilder();
        int id = 1;
        code.call(link.runtime("opa_memoize_init"));
        code.localGet(0).call(link.runtime("opa_eval_ctx_get_entrypoint")).localSet(id);
        code.block();
        for (int i = 0; i < plans.size(); i++) {
            code.block();
            code.localGet(id).i32Const(i).i32Ne().brIf(0);
            code.localGet(0).call(plans.get(i)).br(1);
            code.end();
        }
        code.i32Const(link.data.cString("internal: illegal entrypoint id")).call(link.runtime("opa_abort")).unreachable();
        code.end();
        code.i32Const(0);
        return code.body(1);
    }

    /** An object value mapping each name to its position in {@code names}. */
    static byte[] nameToId(Linkage link, List<String> names) {
        CodeBuilder code = new CodeBuilder();
        int obj = 0;
        code.call(link.runtime("opa_object")).localSet(obj);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            code.localGet(obj);
            code.i32Const(link.data.text(name)).i32Const(StaticData.length(name)).call(link.runtime("opa_string"));
            code.i64Const(i).call(link.runtime("opa_number_int"));
            code.call(link.runtime("opa_object_insert"));
        }
        code.localGet(obj);
        return code.body(1);
    }
}
