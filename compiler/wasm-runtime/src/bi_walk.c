/* walk(x): OPA's relation builtin as its wasm target calls it, one call returning every [path, value] pair of x,
 * which the plan then scans. Pre-order like OPA's topdown: the pair for a node comes before its children's;
 * array elements by index, object members and set elements in OPA's order. A path holds array indices as numbers,
 * object keys, and set elements themselves. */
#include "opa.h"

typedef struct { opa_value **keys; u32 len; u32 cap; } walk_path;

static void walk_node(opa_value *out, walk_path *path, opa_value *v) {
    opa_value *p = opa_array_with_cap((i32)path->len);
    if (path->len) memcpy(ARR(p)->elems, path->keys, path->len * sizeof(opa_value *));
    ARR(p)->len = path->len;
    opa_value *pair = opa_array_with_cap(2);
    opa_array_append(pair, p);
    opa_array_append(pair, v);
    opa_array_append(out, pair);

    if (v->type != OPA_ARRAY && v->type != OPA_OBJECT && v->type != OPA_SET) return;
    if (path->len == path->cap) {
        path->cap = path->cap ? path->cap * 2 : 8;
        path->keys = opa_realloc(path->keys, path->cap * sizeof(opa_value *));
    }
    u32 depth = path->len++;
    if (v->type == OPA_ARRAY) {
        opa_force(v);
        for (u32 i = 0; i < ARR(v)->len; i++) {
            path->keys[depth] = opa_number_int(i);
            walk_node(out, path, ARR(v)->elems[i]);
        }
    } else {
        opa_entry *e = opa_sorted_entries(v);
        u32 n = COL(v)->len;
        for (u32 i = 0; i < n; i++) {
            path->keys[depth] = e[i].key;
            walk_node(out, path, v->type == OPA_SET ? e[i].key : e[i].value);
        }
    }
    path->len = depth;
}

OPA_KEEP opa_value *opa_builtin_walk(opa_value *x) {
    if (!x) return NULL;
    opa_value *out = opa_array();
    walk_path path = {NULL, 0, 0};
    walk_node(out, &path, x);
    if (path.keys) opa_free(path.keys);
    return out;
}
