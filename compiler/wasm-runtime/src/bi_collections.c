/* Builtins over sets, arrays and objects; membership (`in`); numbers.range. */
#include "opa.h"

OPA_KEEP opa_value *opa_builtin_and(opa_value *a, opa_value *b) {
    OPA_ARG("and", 1, a, OPA_SET, "set");
    OPA_ARG("and", 2, b, OPA_SET, "set");
    opa_value *r = opa_set();
    opa_entry *e = opa_sorted_entries(a);
    for (u32 i = 0; i < COL(a)->len; i++) if (opa_value_get(b, e[i].key)) opa_set_add(r, e[i].key);
    return r;
}

OPA_KEEP opa_value *opa_builtin_or(opa_value *a, opa_value *b) {
    OPA_ARG("or", 1, a, OPA_SET, "set");
    OPA_ARG("or", 2, b, OPA_SET, "set");
    opa_value *r = opa_value_shallow_copy(a);
    opa_entry *e = opa_sorted_entries(b);
    for (u32 i = 0; i < COL(b)->len; i++) opa_set_add(r, e[i].key);
    return r;
}

/* x in coll: a value of an array or object, an element of a set */
OPA_KEEP opa_value *opa_builtin_internal_member_2(opa_value *x, opa_value *coll) {
    if (!x || !coll) return NULL;
    switch (coll->type) {
    case OPA_SET: return opa_boolean(opa_value_get(coll, x) != NULL);
    case OPA_ARRAY:
        opa_force(coll);
        for (u32 i = 0; i < ARR(coll)->len; i++) if (opa_value_compare(ARR(coll)->elems[i], x) == 0) return opa_boolean(1);
        return opa_boolean(0);
    case OPA_OBJECT:
        opa_force(coll);
        for (u32 i = 0; i < COL(coll)->len; i++) if (opa_value_compare(COL(coll)->entries[i].value, x) == 0) return opa_boolean(1);
        return opa_boolean(0);
    }
    return opa_boolean(0);
}

/* k, v in coll */
OPA_KEEP opa_value *opa_builtin_internal_member_3(opa_value *k, opa_value *v, opa_value *coll) {
    if (!k || !v || !coll) return NULL;
    if (coll->type != OPA_ARRAY && coll->type != OPA_OBJECT) return opa_boolean(0);
    opa_value *got = opa_value_get(coll, k);
    return opa_boolean(got && opa_value_compare(got, v) == 0);
}

OPA_KEEP opa_value *opa_builtin_array_concat(opa_value *a, opa_value *b) {
    OPA_ARG("array.concat", 1, a, OPA_ARRAY, "array");
    OPA_ARG("array.concat", 2, b, OPA_ARRAY, "array");
    opa_force(a); opa_force(b);
    u32 n = ARR(a)->len, m = ARR(b)->len;
    opa_value *r = opa_array_with_cap((i32)(n + m));
    if (n) memcpy(ARR(r)->elems, ARR(a)->elems, n * sizeof(opa_value *));
    if (m) memcpy(ARR(r)->elems + n, ARR(b)->elems, m * sizeof(opa_value *));
    ARR(r)->len = n + m;
    return r;
}

OPA_KEEP opa_value *opa_builtin_array_slice(opa_value *a, opa_value *start, opa_value *stop) {
    OPA_ARG("array.slice", 1, a, OPA_ARRAY, "array");
    OPA_ARG("array.slice", 2, start, OPA_NUMBER, "number");
    OPA_ARG("array.slice", 3, stop, OPA_NUMBER, "number");
    i64 s, e;
    if (!opa_number_get_int(start, &s)) return opa_int_operand_error("array.slice", 2);
    if (!opa_number_get_int(stop, &e)) return opa_int_operand_error("array.slice", 3);
    opa_force(a);
    i64 n = ARR(a)->len;
    if (s < 0) s = 0;
    if (e > n) e = n;
    if (s >= e) return opa_array();
    opa_value *r = opa_array_with_cap((i32)(e - s));
    memcpy(ARR(r)->elems, ARR(a)->elems + s, (u32)(e - s) * sizeof(opa_value *));
    ARR(r)->len = (u32)(e - s);
    return r;
}

/* object.get(obj, key, default); an array key is a path through nested objects and arrays */
OPA_KEEP opa_value *opa_builtin_object_get(opa_value *o, opa_value *key, opa_value *dflt) {
    OPA_ARG("object.get", 1, o, OPA_OBJECT, "object");
    if (!key || !dflt) return NULL;
    if (key->type != OPA_ARRAY) {
        opa_value *v = opa_value_get(o, key);
        return v ? v : dflt;
    }
    opa_force(key);
    opa_value *cur = o;
    for (u32 i = 0; i < ARR(key)->len; i++) {
        if (cur->type != OPA_OBJECT && cur->type != OPA_ARRAY) return dflt;
        cur = opa_value_get(cur, ARR(key)->elems[i]);
        if (!cur) return dflt;
    }
    return cur;
}

OPA_KEEP opa_value *opa_builtin_object_keys(opa_value *o) {
    OPA_ARG("object.keys", 1, o, OPA_OBJECT, "object");
    opa_value *r = opa_set();
    opa_entry *e = opa_sorted_entries(o);
    for (u32 i = 0; i < COL(o)->len; i++) opa_set_add(r, e[i].key);
    return r;
}

/* the keys named by an array, set or object (its keys) */
static opa_value *key_set(const char *fname, opa_value *k) {
    if (!k || (k->type != OPA_ARRAY && k->type != OPA_SET && k->type != OPA_OBJECT))
        return opa_type_error(fname, 2, "one of {object, set, array}", k);
    if (k->type == OPA_SET) return k;
    opa_value *s = opa_set();
    opa_force(k);
    if (k->type == OPA_ARRAY) for (u32 i = 0; i < ARR(k)->len; i++) opa_set_add(s, ARR(k)->elems[i]);
    else for (u32 i = 0; i < COL(k)->len; i++) opa_set_add(s, COL(k)->entries[i].key);
    return s;
}

static opa_value *select_keys(const char *fname, opa_value *o, opa_value *keys, int keep) {
    OPA_ARG(fname, 1, o, OPA_OBJECT, "object");
    opa_value *ks = key_set(fname, keys);
    if (!ks) return NULL;
    opa_value *r = opa_object();
    opa_entry *e = opa_sorted_entries(o);
    for (u32 i = 0; i < COL(o)->len; i++)
        if ((opa_value_get(ks, e[i].key) != NULL) == keep) opa_object_insert(r, e[i].key, e[i].value);
    return r;
}

OPA_KEEP opa_value *opa_builtin_object_remove(opa_value *o, opa_value *k) { return select_keys("object.remove", o, k, 0); }
OPA_KEEP opa_value *opa_builtin_object_filter(opa_value *o, opa_value *k) { return select_keys("object.filter", o, k, 1); }

/* right-hand side wins; objects on both sides are unioned recursively */
static opa_value *union_objects(opa_value *a, opa_value *b) {
    opa_value *r = opa_value_shallow_copy(a);
    opa_entry *e = opa_sorted_entries(b);
    for (u32 i = 0; i < COL(b)->len; i++) {
        opa_value *av = opa_value_get(a, e[i].key);
        opa_value *v = e[i].value;
        if (av && av->type == OPA_OBJECT && v->type == OPA_OBJECT) v = union_objects(av, v);
        opa_object_insert(r, e[i].key, v);
    }
    return r;
}

OPA_KEEP opa_value *opa_builtin_object_union(opa_value *a, opa_value *b) {
    OPA_ARG("object.union", 1, a, OPA_OBJECT, "object");
    OPA_ARG("object.union", 2, b, OPA_OBJECT, "object");
    return union_objects(a, b);
}

OPA_KEEP opa_value *opa_builtin_numbers_range(opa_value *a, opa_value *b) {
    OPA_ARG("numbers.range", 1, a, OPA_NUMBER, "number");
    OPA_ARG("numbers.range", 2, b, OPA_NUMBER, "number");
    if (!opa_value_is_integer(a)) return opa_int_operand_error("numbers.range", 1);
    if (!opa_value_is_integer(b)) return opa_int_operand_error("numbers.range", 2);
    i64 x, y;
    if (!opa_number_get_int(a, &x) || !opa_number_get_int(b, &y))
        return opa_builtin_error("eval_builtin_error", "numbers.range: integer too large");
    u64 n = (x <= y ? (u64)y - (u64)x : (u64)x - (u64)y) + 1;
    if (n > 100000000ull) opa_abort("numbers.range: out of memory");
    opa_value *r = opa_array_with_cap((i32)n);
    for (u64 i = 0; i < n; i++) ARR(r)->elems[i] = opa_number_int(x <= y ? x + (i64)i : x - (i64)i);
    ARR(r)->len = (u32)n;
    return r;
}

OPA_KEEP opa_value *opa_builtin_union(opa_value *xs) {
    OPA_ARG("union", 1, xs, OPA_SET, "set");
    opa_value *r = opa_set();
    opa_entry *e = opa_sorted_entries(xs);
    for (u32 i = 0; i < COL(xs)->len; i++) {
        opa_value *s = e[i].key;
        if (s->type != OPA_SET) return opa_type_error("union", 1, "set of sets", s);
        opa_entry *f = opa_sorted_entries(s);
        for (u32 j = 0; j < COL(s)->len; j++) opa_set_add(r, f[j].key);
    }
    return r;
}

OPA_KEEP opa_value *opa_builtin_intersection(opa_value *xs) {
    OPA_ARG("intersection", 1, xs, OPA_SET, "set");
    opa_entry *e = opa_sorted_entries(xs);
    u32 n = COL(xs)->len;
    for (u32 i = 0; i < n; i++)
        if (e[i].key->type != OPA_SET) return opa_type_error("intersection", 1, "set of sets", e[i].key);
    opa_value *r = opa_set();
    if (n == 0) return r;
    opa_entry *f = opa_sorted_entries(e[0].key);
    for (u32 j = 0; j < COL(e[0].key)->len; j++) {
        u32 i = 1;
        while (i < n && opa_value_get(e[i].key, f[j].key)) i++;
        if (i == n) opa_set_add(r, f[j].key);
    }
    return r;
}

OPA_KEEP opa_value *opa_builtin_array_reverse(opa_value *a) {
    OPA_ARG("array.reverse", 1, a, OPA_ARRAY, "array");
    opa_force(a);
    u32 n = ARR(a)->len;
    opa_value *r = opa_array_with_cap((i32)n);
    for (u32 i = 0; i < n; i++) ARR(r)->elems[i] = ARR(a)->elems[n - 1 - i];
    ARR(r)->len = n;
    return r;
}
