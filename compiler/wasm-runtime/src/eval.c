/* Evaluation context, opa_eval, the placeholders the plan compiler replaces, memoization and errors. */
#include "opa.h"

typedef struct { i32 entrypoint; opa_value *data; opa_value *input; opa_value *result; } opa_eval_ctx;

OPA_EXPORT(opa_eval_ctx_new) opa_eval_ctx *opa_eval_ctx_new(void) {
    opa_eval_ctx *c = opa_malloc(sizeof(opa_eval_ctx));
    memset(c, 0, sizeof(*c));
    return c;
}
OPA_EXPORT(opa_eval_ctx_set_input) void opa_eval_ctx_set_input(opa_eval_ctx *c, opa_value *v) { c->input = v; }
OPA_EXPORT(opa_eval_ctx_set_data) void opa_eval_ctx_set_data(opa_eval_ctx *c, opa_value *v) { c->data = v; }
OPA_EXPORT(opa_eval_ctx_set_entrypoint) void opa_eval_ctx_set_entrypoint(opa_eval_ctx *c, i32 e) { c->entrypoint = e; }
OPA_EXPORT(opa_eval_ctx_get_result) opa_value *opa_eval_ctx_get_result(opa_eval_ctx *c) { return c->result; }
OPA_KEEP opa_value *opa_eval_ctx_get_input(opa_eval_ctx *c) { return c->input; }
OPA_KEEP opa_value *opa_eval_ctx_get_data(opa_eval_ctx *c) { return c->data; }
OPA_KEEP i32 opa_eval_ctx_get_entrypoint(opa_eval_ctx *c) { return c->entrypoint; }
OPA_KEEP void opa_eval_ctx_set_result(opa_eval_ctx *c, opa_value *v) { c->result = v; }

/* ---- placeholders: the plan compiler replaces these bodies ---- */
/* noinline + an opaque barrier keep each a real function, never folded into its callers */
OPA_EXPORT(eval) __attribute__((noinline)) i32 eval(opa_eval_ctx *c) {
    i32 r = 0;
    __asm__ volatile("" : "+r"(r) : "r"(c) : "memory"); /* may write *c and return anything */
    return r;
}
OPA_EXPORT(entrypoints) __attribute__((noinline)) opa_value *entrypoints(void) {
    opa_value *o = opa_object();
    __asm__ volatile("" : "+r"(o) : : "memory");
    return o;
}
OPA_EXPORT(builtins) __attribute__((noinline)) opa_value *builtins(void) {
    opa_value *o = opa_object();
    __asm__ volatile("" : "+r"(o) : : "memory");
    return o;
}

/* The JSON of the result sets most decisions have (none, or one boolean result), which opa_json_dump would write
 * byte for byte the same; NULL for any other. Writing them costs a good part of a small decision in JVM bytecode. */
static const char *common_result_json(opa_value *r) {
    if (r->type != OPA_SET) return NULL;
    opa_collection_t *set = COL(r);
    if (set->len == 0) return "[]";
    if (set->len != 1) return NULL;
    opa_value *o = set->entries[0].key;
    if (o->type != OPA_OBJECT || (o->flags & F_LAZY) || COL(o)->len != 1) return NULL;
    opa_entry *e = &COL(o)->entries[0];
    if (e->key->type != OPA_STRING || STR(e->key)->len != 6 || memcmp(STR(e->key)->data, "result", 6) != 0
        || e->value->type != OPA_BOOLEAN) return NULL;
    return ((opa_boolean_t *)e->value)->b ? "[{\"result\":true}]" : "[{\"result\":false}]";
}

static char *eval_to_text(i32 entrypoint, opa_value *data, opa_value *input, i32 format) {
    opa_eval_ctx ctx = {entrypoint, data, input, NULL};
    eval(&ctx);
    opa_value *r = ctx.result ? ctx.result : opa_set();
    if (format == 1) return opa_value_dump(r);
    const char *common = common_result_json(r);
    return common ? (char *)common : opa_json_dump(r);
}

/* One-off evaluation (ABI 1.2): input is JSON text in memory below heap_ptr, parsed lazily. */
OPA_EXPORT(opa_eval) char *opa_eval(i32 reserved, i32 entrypoint, opa_value *data, const char *input, i32 input_len,
                                   u32 heap_ptr, i32 format) {
    (void)reserved;
    extern void opa_heap_ptr_set(u32);
    opa_heap_ptr_set(heap_ptr);
    opa_value *in = NULL;
    if (input && input_len > 0) {
        /* a short input is read whole in one pass; a long one lazily, so the parts never read cost only a check
         * (the host passes our modules only the parts they read, so theirs are short) */
        in = (u32)input_len <= EAGER_INPUT_MAX ? opa_json_parse_text(input, (u32)input_len)
                                               : opa_json_parse_lazy(input, (u32)input_len);
        if (!in) opa_abort("opa_eval: invalid input JSON");
    }
    return eval_to_text(entrypoint, data, in, format);
}

/* One-off evaluation over an input value the host wrote below heap_ptr in this library's value layout
 * (CONTRACT.md, "Input values built by the host"): no text to parse. */
OPA_EXPORT(sark_eval_input_value) char *sark_eval_input_value(i32 entrypoint, opa_value *data, opa_value *input,
                                                              u32 heap_ptr) {
    extern void opa_heap_ptr_set(u32);
    opa_heap_ptr_set(heap_ptr);
    return eval_to_text(entrypoint, data, input, 0);
}

/* ---- memoization of plain functions, one frame per evaluation or call with `with` ----
 * A frame maps a function's id (its position in the plan, small and dense) to its value by a slot array: each lookup
 * is an index, with no key value to allocate and hash. */
typedef struct memo_frame { struct memo_frame *prev; opa_value **slots; u32 cap; } memo_frame;
static memo_frame *memo;

void opa_memoize_reset(void) { memo = NULL; }
OPA_KEEP void opa_memoize_init(void) { memo = NULL; extern void opa_memoize_push(void); opa_memoize_push(); }
OPA_KEEP void opa_memoize_push(void) {
    memo_frame *f = opa_malloc(sizeof(memo_frame));
    f->prev = memo;
    f->slots = NULL;
    f->cap = 0;
    memo = f;
}
OPA_KEEP void opa_memoize_pop(void) { if (memo) memo = memo->prev; }
OPA_KEEP void opa_memoize_insert(i32 id, opa_value *v) {
    if (id < 0) return;
    if (!memo) opa_memoize_init();
    if ((u32)id >= memo->cap) {
        u32 cap = memo->cap ? memo->cap : 8;
        while (cap <= (u32)id) cap *= 2;
        opa_value **slots = opa_malloc(cap * sizeof(opa_value *));
        memcpy(slots, memo->slots, memo->cap * sizeof(opa_value *));
        memset(slots + memo->cap, 0, (cap - memo->cap) * sizeof(opa_value *));
        memo->slots = slots;
        memo->cap = cap;
    }
    memo->slots[id] = v;
}
OPA_KEEP opa_value *opa_memoize_get(i32 id) {
    if (!memo || id < 0 || (u32)id >= memo->cap) return NULL;
    return memo->slots[id];
}

/* ---- errors ---- */
static void put_cstr(opa_buf *b, const char *s) { buf_put(b, s, (u32)strlen(s)); }

OPA_KEEP void opa_runtime_error(const char *file, i32 row, i32 col, const char *msg) {
    opa_buf b;
    buf_init(&b, 128);
    put_cstr(&b, file ? file : "");
    buf_putc(&b, ':');
    buf_put_i64(&b, row);
    buf_putc(&b, ':');
    buf_put_i64(&b, col);
    buf_put(&b, ": ", 2);
    put_cstr(&b, msg ? msg : "");
    buf_putc(&b, 0);
    opa_abort(b.buf);
}

/* OPA's strict-builtin-errors option: off (the default, as OPA's wasm runtime) makes a failing
 * builtin undefined; on makes it abort evaluation with OPA's message. */
static i32 strict_builtin_errors;
OPA_EXPORT(opa_strict_builtin_errors_set) void opa_strict_builtin_errors_set(i32 on) { strict_builtin_errors = on; }

opa_value *opa_builtin_error(const char *code, const char *msg) {
    if (!strict_builtin_errors) return NULL;
    opa_buf b;
    buf_init(&b, 128);
    put_cstr(&b, code);
    buf_put(&b, ": ", 2);
    put_cstr(&b, msg);
    buf_putc(&b, 0);
    opa_abort(b.buf);
    return NULL;
}

static const char *TYPE_NAMES[] = {"", "null", "boolean", "number", "string", "array", "object", "set"};
const char *opa_type_name_str(opa_value *v) { return v && v->type <= OPA_SET ? TYPE_NAMES[v->type] : "undefined"; }

/* "<fname>: operand <n> must be <want> but got <type>" as an eval_type_error */
opa_value *opa_type_error(const char *fname, i32 operand, const char *want, opa_value *got) {
    if (!strict_builtin_errors) return NULL;
    opa_buf b;
    buf_init(&b, 128);
    put_cstr(&b, fname);
    buf_put(&b, ": operand ", 10);
    buf_put_i64(&b, operand);
    buf_put(&b, " must be ", 9);
    put_cstr(&b, want);
    buf_put(&b, " but got ", 9);
    put_cstr(&b, opa_type_name_str(got));
    buf_putc(&b, 0);
    return opa_builtin_error("eval_type_error", b.buf);
}

opa_value *opa_int_operand_error(const char *fname, i32 operand) {
    if (!strict_builtin_errors) return NULL;
    opa_buf b;
    buf_init(&b, 128);
    put_cstr(&b, fname);
    buf_put(&b, ": operand ", 10);
    buf_put_i64(&b, operand);
    put_cstr(&b, " must be integer number but got floating-point number");
    buf_putc(&b, 0);
    return opa_builtin_error("eval_type_error", b.buf);
}
