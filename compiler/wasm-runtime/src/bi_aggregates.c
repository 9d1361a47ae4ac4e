/* Aggregate builtins: count, sum, product, max, min, sort, all, any. */
#include "opa.h"

opa_value *opa_builtin_plus(opa_value *a, opa_value *b);
opa_value *opa_builtin_mul(opa_value *a, opa_value *b);

/* elements of an array or set, in OPA order for sets */
static opa_value *elem(opa_value *c, u32 i) {
    return c->type == OPA_ARRAY ? ARR(c)->elems[i] : COL(c)->entries[i].key;
}

static u32 elems_begin(opa_value *c) {
    if (c->type == OPA_ARRAY) { opa_force(c); return ARR(c)->len; }
    opa_sorted_entries(c);
    return COL(c)->len;
}

static u32 utf8_count(const char *s, u32 n) {
    u32 c = 0;
    for (u32 i = 0; i < n; i++) if (((u8)s[i] & 0xc0) != 0x80) c++;
    return c;
}

OPA_KEEP opa_value *opa_builtin_count(opa_value *a) {
    if (a && a->type == OPA_STRING) return opa_number_int(utf8_count(STR(a)->data, STR(a)->len));
    if (a && (a->type == OPA_ARRAY || a->type == OPA_OBJECT || a->type == OPA_SET)) return opa_number_int(opa_value_length(a));
    return opa_type_error("count", 1, "one of {array, object, set, string}", a);
}

static opa_value *fold(const char *name, opa_value *a, opa_value *zero, opa_value *(*op)(opa_value *, opa_value *)) {
    if (!a || (a->type != OPA_ARRAY && a->type != OPA_SET)) return opa_type_error(name, 1, "one of {array, set}", a);
    u32 n = elems_begin(a);
    opa_value *acc = zero;
    for (u32 i = 0; i < n; i++) {
        opa_value *e = elem(a, i);
        if (e->type != OPA_NUMBER) return opa_type_error(name, 1, "one of {array, set} of numbers", e);
        acc = op(acc, e);
        if (!acc) return NULL;
    }
    return acc;
}

OPA_KEEP opa_value *opa_builtin_sum(opa_value *a) { return fold("sum", a, opa_number_int(0), opa_builtin_plus); }
OPA_KEEP opa_value *opa_builtin_product(opa_value *a) { return fold("product", a, opa_number_int(1), opa_builtin_mul); }

static opa_value *extreme(const char *name, opa_value *a, int sign) {
    if (!a || (a->type != OPA_ARRAY && a->type != OPA_SET)) return opa_type_error(name, 1, "one of {array, set}", a);
    u32 n = elems_begin(a);
    if (n == 0) return NULL;
    opa_value *best = elem(a, 0);
    for (u32 i = 1; i < n; i++) {
        opa_value *e = elem(a, i);
        if (opa_value_compare(e, best) * sign > 0) best = e;
    }
    return best;
}

OPA_KEEP opa_value *opa_builtin_max(opa_value *a) { return extreme("max", a, 1); }
OPA_KEEP opa_value *opa_builtin_min(opa_value *a) { return extreme("min", a, -1); }

static void merge_sort(opa_value **v, opa_value **tmp, u32 n) {
    if (n < 2) return;
    u32 m = n / 2;
    merge_sort(v, tmp, m);
    merge_sort(v + m, tmp, n - m);
    memcpy(tmp, v, m * sizeof(opa_value *));
    u32 i = 0, j = m, k = 0;
    while (i < m && j < n) v[k++] = opa_value_compare(tmp[i], v[j]) <= 0 ? tmp[i++] : v[j++];
    while (i < m) v[k++] = tmp[i++];
}

OPA_KEEP opa_value *opa_builtin_sort(opa_value *a) {
    if (!a || (a->type != OPA_ARRAY && a->type != OPA_SET)) return opa_type_error("sort", 1, "one of {array, set}", a);
    u32 n = elems_begin(a);
    opa_value *r = opa_array_with_cap((i32)n);
    for (u32 i = 0; i < n; i++) ARR(r)->elems[i] = elem(a, i);
    ARR(r)->len = n;
    if (a->type == OPA_ARRAY && n > 1) {
        opa_value **tmp = opa_malloc((n / 2 + 1) * sizeof(opa_value *));
        merge_sort(ARR(r)->elems, tmp, n);
    }
    return r;
}

static opa_value *quantify(const char *name, opa_value *a, int want_all) {
    if (!a || (a->type != OPA_ARRAY && a->type != OPA_SET)) return opa_type_error(name, 1, "one of {array, set}", a);
    u32 n = elems_begin(a);
    for (u32 i = 0; i < n; i++) {
        opa_value *e = elem(a, i);
        int t = e->type == OPA_BOOLEAN && ((opa_boolean_t *)e)->b;
        if (want_all && !t) return opa_boolean(0);
        if (!want_all && t) return opa_boolean(1);
    }
    return opa_boolean(want_all);
}

OPA_KEEP opa_value *opa_builtin_all(opa_value *a) { return quantify("all", a, 1); }
OPA_KEEP opa_value *opa_builtin_any(opa_value *a) { return quantify("any", a, 0); }
