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

/* print, as OPA's builtinPrint (v1/topdown/print.go): the planner passes an array with one set per operand
 * (empty when the operand is undefined). Every combination of the sets' elements is one line to the host's
 * opa_println, operands joined by spaces: strings unquoted, other values as Rego text, an empty set as
 * <undefined>. */
static void print_put(opa_buf *b, opa_value *v) {
    if (!v) {
        buf_put(b, "<undefined>", 11);
    } else if (v->type == OPA_STRING) {
        buf_put(b, STR(v)->data, STR(v)->len);
    } else {
        char *text = opa_value_print(v);
        buf_put(b, text, (u32)strlen(text));
    }
}

static void print_lines(opa_value **operands, i32 n, i32 i, opa_value **chosen) {
    if (i == n) {
        opa_buf b;
        buf_init(&b, 64);
        for (i32 k = 0; k < n; k++) {
            if (k) buf_putc(&b, ' ');
            print_put(&b, chosen[k]);
        }
        buf_putc(&b, 0);
        opa_println(b.buf);
        return;
    }
    opa_value *operand = operands[i];
    i32 len = operand->type == OPA_SET ? opa_value_length(operand) : -1;
    if (len <= 0) {
        chosen[i] = len < 0 ? operand : NULL; /* a value that is not a set prints as itself */
        print_lines(operands, n, i + 1, chosen);
        return;
    }
    opa_entry *elements = opa_sorted_entries(operand);
    for (i32 j = 0; j < len; j++) {
        chosen[i] = elements[j].key;
        print_lines(operands, n, i + 1, chosen);
    }
}

OPA_KEEP void opa_println_value(opa_value *v) {
    if (v->type != OPA_ARRAY) {
        print_lines(&v, 1, 0, &(opa_value *){NULL});
        return;
    }
    i32 n = opa_value_length(v);
    opa_value **chosen = opa_malloc((u32)(n + 1) * sizeof *chosen);
    print_lines(ARR(v)->elems, n, 0, chosen);
}
