/* OPA's host imports for builtins the library does not implement natively. The plan compiler calls
 * env.opa_builtin0..4 directly; opa_host_builtin dispatches on the argument count (and keeps all
 * five imports in the module, as OPA's own modules have them). */
#include "opa.h"

#define HOST_IMPORT(n) __attribute__((import_module("env"), import_name(n)))
HOST_IMPORT("opa_builtin0") opa_value *opa_builtin0(i32 id, i32 ctx);
HOST_IMPORT("opa_builtin1") opa_value *opa_builtin1(i32 id, i32 ctx, opa_value *a);
HOST_IMPORT("opa_builtin2") opa_value *opa_builtin2(i32 id, i32 ctx, opa_value *a, opa_value *b);
HOST_IMPORT("opa_builtin3") opa_value *opa_builtin3(i32 id, i32 ctx, opa_value *a, opa_value *b, opa_value *c);
HOST_IMPORT("opa_builtin4") opa_value *opa_builtin4(i32 id, i32 ctx, opa_value *a, opa_value *b, opa_value *c, opa_value *d);

OPA_KEEP opa_value *opa_host_builtin(i32 id, i32 ctx, i32 nargs, opa_value **args) {
    switch (nargs) {
    case 0: return opa_builtin0(id, ctx);
    case 1: return opa_builtin1(id, ctx, args[0]);
    case 2: return opa_builtin2(id, ctx, args[0], args[1]);
    case 3: return opa_builtin3(id, ctx, args[0], args[1], args[2]);
    case 4: return opa_builtin4(id, ctx, args[0], args[1], args[2], args[3]);
    }
    opa_abort("opa_host_builtin: too many arguments");
    return NULL;
}

/* print builtin support: the value's Rego text to the host's opa_println */
OPA_KEEP void opa_println_value(opa_value *v) { opa_println(opa_value_dump(v)); }
