/* OPA's total order of values (null < boolean < number < string < array < object < set) and
 * hashing consistent with it (equal numbers hash alike whatever their representation). */
#include "opa.h"

static i32 cmp_bytes(const char *a, u32 an, const char *b, u32 bn) {
    u32 n = an < bn ? an : bn;
    i32 c = memcmp(a, b, n);
    if (c) return c;
    return an < bn ? -1 : an > bn ? 1 : 0;
}

/* numbers of which one is kept as text (out of line: its buffers need a stack frame, see hash_decimal) */
__attribute__((noinline)) static i32 cmp_decimals(opa_value *a, opa_value *b) {
    char ba[24], bb[24];
    opa_dec da, db;
    opa_number_dec(a, &da, ba);
    opa_number_dec(b, &db, bb);
    return opa_dec_compare(&da, &db);
}

static i32 cmp_numbers(opa_value *a, opa_value *b) {
    if ((a->flags | b->flags) & F_REF) return cmp_decimals(a, b);
    i64 x = NUM(a)->v.i, y = NUM(b)->v.i;
    return x < y ? -1 : x > y ? 1 : 0;
}

OPA_EXPORT(opa_value_compare) i32 opa_value_compare(opa_value *a, opa_value *b) {
    if (a == b) return 0;
    if (!a) return -1;
    if (!b) return 1;
    if (a->type != b->type) return a->type < b->type ? -1 : 1;
    switch (a->type) {
    case OPA_NULL: return 0;
    case OPA_BOOLEAN: return (i32)((opa_boolean_t *)a)->b - (i32)((opa_boolean_t *)b)->b;
    case OPA_NUMBER: return cmp_numbers(a, b);
    case OPA_STRING: return cmp_bytes(STR(a)->data, STR(a)->len, STR(b)->data, STR(b)->len);
    case OPA_ARRAY: {
        opa_force(a); opa_force(b);
        opa_array_t *x = ARR(a), *y = ARR(b);
        u32 n = x->len < y->len ? x->len : y->len;
        for (u32 i = 0; i < n; i++) {
            i32 c = opa_value_compare(x->elems[i], y->elems[i]);
            if (c) return c;
        }
        return x->len < y->len ? -1 : x->len > y->len ? 1 : 0;
    }
    case OPA_OBJECT: case OPA_SET: {
        opa_entry *ea = opa_sorted_entries(a), *eb = opa_sorted_entries(b);
        u32 an = COL(a)->len, bn = COL(b)->len, n = an < bn ? an : bn;
        for (u32 i = 0; i < n; i++) {
            i32 c = opa_value_compare(ea[i].key, eb[i].key);
            if (c) return c;
            if (a->type == OPA_OBJECT) {
                c = opa_value_compare(ea[i].value, eb[i].value);
                if (c) return c;
            }
        }
        return an < bn ? -1 : an > bn ? 1 : 0;
    }
    }
    return 0;
}

static u32 mix(u32 h) {
    h ^= h >> 16; h *= 0x7feb352du;
    h ^= h >> 15; h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

static u32 hash_bytes(const char *s, u32 n, u32 seed) {
    u32 h = 2166136261u ^ seed;
    for (u32 i = 0; i < n; i++) { h ^= (u8)s[i]; h *= 16777619u; }
    return h;
}

u32 opa_string_hash(const char *s, u32 n) { return hash_bytes(s, n, 0); }

static u32 hash_i64(i64 i) { return mix((u32)i ^ mix((u32)((u64)i >> 32) + 0x9e3779b9u)); }

/* A number kept as text. Out of line: its buffers need a stack frame, which would otherwise cost every hash three
 * accesses to the __stack_pointer global (each a call in JVM bytecode). */
__attribute__((noinline)) static u32 hash_decimal(opa_value *v) {
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    i64 i;
    if (opa_dec_get_int(&d, &i)) return hash_i64(i);
    return mix(hash_bytes(d.d, (u32)d.n, (u32)d.exp * 31u + (u32)d.neg));
}

OPA_EXPORT(opa_value_hash) u32 opa_value_hash(opa_value *v) {
    if (!v) return 0;
    switch (v->type) {
    case OPA_NULL: return 0x1234567u;
    case OPA_BOOLEAN: return ((opa_boolean_t *)v)->b ? 0x2345671u : 0x3456712u;
    case OPA_NUMBER: return v->flags & F_REF ? hash_decimal(v) : hash_i64(NUM(v)->v.i);
    case OPA_STRING: {
        /* cached: the plan looks the same key strings up again and again */
        if (v->flags & F_HASHED) return STR(v)->hash;
        u32 h = opa_string_hash(STR(v)->data, STR(v)->len);
        STR(v)->hash = h;
        v->flags |= F_HASHED;
        return h;
    }
    case OPA_ARRAY: {
        opa_force(v);
        u32 h = 0x51ed27u;
        for (u32 i = 0; i < ARR(v)->len; i++) h = mix(h * 31u + opa_value_hash(ARR(v)->elems[i]));
        return h;
    }
    case OPA_OBJECT: case OPA_SET: {
        /* order-independent, so no sorting is needed */
        opa_force(v);
        opa_collection_t *c = COL(v);
        u32 h = v->type == OPA_OBJECT ? 0x6a09e667u : 0xbb67ae85u;
        for (u32 i = 0; i < c->len; i++) {
            u32 eh = c->entries[i].hash;
            if (v->type == OPA_OBJECT) eh = mix(eh * 0x9e3779b1u + opa_value_hash(c->entries[i].value));
            h += eh;
        }
        return mix(h);
    }
    }
    return 0;
}
