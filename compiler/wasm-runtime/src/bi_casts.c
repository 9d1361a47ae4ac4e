/* OPA's deprecated casts (cast_array, cast_set, cast_string, cast_boolean, cast_null, cast_object): each returns its
 * operand when it already has the type (cast_array also takes a set, in OPA's order; cast_set also takes an array),
 * and otherwise raises OPA's eval_type_error (undefined unless strict). */
#include "opa.h"

OPA_KEEP opa_value *opa_builtin_cast_array(opa_value *a) {
    if (a && a->type == OPA_ARRAY) return a;
    if (!a || a->type != OPA_SET) return opa_type_error("cast_array", 1, "one of {array, set}", a);
    opa_entry *e = opa_sorted_entries(a);
    u32 n = COL(a)->len;
    opa_value *r = opa_array_with_cap((i32)n);
    for (u32 i = 0; i < n; i++) ARR(r)->elems[i] = e[i].key;
    ARR(r)->len = n;
    return r;
}

OPA_KEEP opa_value *opa_builtin_cast_set(opa_value *a) {
    if (a && a->type == OPA_SET) return a;
    if (!a || a->type != OPA_ARRAY) return opa_type_error("cast_set", 1, "one of {array, set}", a);
    opa_force(a);
    opa_value *r = opa_set();
    for (u32 i = 0; i < ARR(a)->len; i++) opa_set_add(r, ARR(a)->elems[i]);
    return r;
}

#define CAST(name, t, tn) OPA_KEEP opa_value *opa_builtin_##name(opa_value *a) { OPA_ARG(#name, 1, a, t, tn); return a; }
CAST(cast_string, OPA_STRING, "string")
CAST(cast_boolean, OPA_BOOLEAN, "boolean")
CAST(cast_null, OPA_NULL, "null")
CAST(cast_object, OPA_OBJECT, "object")
