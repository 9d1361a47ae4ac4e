/* JSON and Rego value serialisation in OPA's format: compact, object keys and set elements sorted. */
#include "opa.h"

static const char HEX[] = "0123456789abcdef";

/* Out of line, as dump_number: its buffer needs a stack frame, which costs three accesses to the __stack_pointer
 * global (each a call in JVM bytecode) that every string and value written would otherwise pay. */
__attribute__((noinline)) static void dump_control(opa_buf *b, u8 c) {
    char u[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
    buf_put(b, u, 6);
}

static void dump_string(opa_buf *b, const char *s, u32 n) {
    buf_putc(b, '"');
    u32 run = 0;
    for (u32 i = 0; i < n; i++) {
        u8 c = (u8)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': buf_put(b, "\\\"", 2); break;
        case '\\': buf_put(b, "\\\\", 2); break;
        case '\n': buf_put(b, "\\n", 2); break;
        case '\r': buf_put(b, "\\r", 2); break;
        case '\t': buf_put(b, "\\t", 2); break;
        default: dump_control(b, c);
        }
    }
    buf_put(b, s + run, n - run);
    buf_putc(b, '"');
}

/* rego: 0 JSON, 1 OPA value text (compact), PRINTED OPA value text as OPA prints a term (", " and ": ") */
enum { PRINTED = 2 };

static void dump(opa_buf *b, opa_value *v, int rego);

static void separator(opa_buf *b, char c, int rego) {
    buf_putc(b, c);
    if (rego == PRINTED) buf_putc(b, ' ');
}

/* JSON object keys must be strings: a non-string key is written as its JSON text (out of line: its buffer needs a
 * stack frame, see dump_control) */
__attribute__((noinline)) static void dump_json_key(opa_buf *b, opa_value *k) {
    opa_buf kb;
    buf_init(&kb, 32);
    dump(&kb, k, 0);
    dump_string(b, kb.buf, kb.len);
}

static void dump_key(opa_buf *b, opa_value *k, int rego) {
    if (rego || k->type == OPA_STRING) dump(b, k, rego);
    else dump_json_key(b, k);
}

__attribute__((noinline)) static void dump_number(opa_buf *b, opa_value *v) {
    char tmp[24];
    const char *t;
    i32 n = opa_number_text(v, tmp, &t);
    buf_put(b, t, (u32)n);
}

static void dump(opa_buf *b, opa_value *v, int rego) {
    switch (v->type) {
    case OPA_NULL: buf_put(b, "null", 4); return;
    case OPA_BOOLEAN: if (((opa_boolean_t *)v)->b) buf_put(b, "true", 4); else buf_put(b, "false", 5); return;
    case OPA_NUMBER: dump_number(b, v); return;
    case OPA_STRING: dump_string(b, STR(v)->data, STR(v)->len); return;
    case OPA_ARRAY: {
        opa_force(v);
        buf_putc(b, '[');
        for (u32 i = 0; i < ARR(v)->len; i++) {
            if (i) separator(b, ',', rego);
            dump(b, ARR(v)->elems[i], rego);
        }
        buf_putc(b, ']');
        return;
    }
    case OPA_OBJECT: {
        opa_entry *e = opa_sorted_entries(v);
        buf_putc(b, '{');
        for (u32 i = 0; i < COL(v)->len; i++) {
            if (i) separator(b, ',', rego);
            dump_key(b, e[i].key, rego);
            separator(b, ':', rego);
            dump(b, e[i].value, rego);
        }
        buf_putc(b, '}');
        return;
    }
    case OPA_SET: {
        opa_entry *e = opa_sorted_entries(v);
        u32 n = COL(v)->len;
        if (rego && n == 0) { buf_put(b, "set()", 5); return; }
        buf_putc(b, rego ? '{' : '[');
        for (u32 i = 0; i < n; i++) {
            if (i) separator(b, ',', rego);
            dump(b, e[i].key, rego);
        }
        buf_putc(b, rego ? '}' : ']');
        return;
    }
    }
}

static char *dump_top(opa_value *v, int rego) {
    opa_buf b;
    buf_init(&b, 64);
    if (v) dump(&b, v, rego);
    else buf_put(&b, "null", 4);
    buf_putc(&b, 0);
    return b.buf;
}

OPA_EXPORT(opa_json_dump) char *opa_json_dump(opa_value *v) { return dump_top(v, 0); }
OPA_EXPORT(opa_value_dump) char *opa_value_dump(opa_value *v) { return dump_top(v, 1); }
char *opa_value_print(opa_value *v) { return dump_top(v, PRINTED); }
