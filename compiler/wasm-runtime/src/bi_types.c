/* Type builtins: is_<type> and type_name. */
#include "opa.h"

#define IS(name, t) OPA_KEEP opa_value *opa_builtin_##name(opa_value *a) { return opa_boolean(a && a->type == (t)); }
IS(is_null, OPA_NULL)
IS(is_boolean, OPA_BOOLEAN)
IS(is_number, OPA_NUMBER)
IS(is_string, OPA_STRING)
IS(is_array, OPA_ARRAY)
IS(is_object, OPA_OBJECT)
IS(is_set, OPA_SET)

OPA_KEEP opa_value *opa_builtin_type_name(opa_value *a) {
    if (!a) return NULL;
    const char *n = opa_type_name_str(a);
    return opa_string(n, (i32)strlen(n));
}
