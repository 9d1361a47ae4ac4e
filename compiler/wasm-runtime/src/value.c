/* Value constructors, arrays, objects and sets (hashed, sorted lazily into OPA's order). */
#include "opa.h"

static opa_value null_v = {OPA_NULL, F_STATIC, 0};
static opa_boolean_t true_v = {{OPA_BOOLEAN, F_STATIC, 0}, 1};
static opa_boolean_t false_v = {{OPA_BOOLEAN, F_STATIC, 0}, 0};

/* small integers are shared: iteration over arrays and counters allocate nothing */
#define SMALL_INTS 256
static opa_number_t small_ints[SMALL_INTS];
static int small_ints_ready;

OPA_EXPORT(opa_null) opa_value *opa_null(void) { return &null_v; }
OPA_EXPORT(opa_boolean) opa_value *opa_boolean(i32 b) { return b ? &true_v.hdr : &false_v.hdr; }

OPA_EXPORT(opa_number_int) opa_value *opa_number_int(i64 i) {
    if (i >= 0 && i < SMALL_INTS) {
        if (!small_ints_ready) {
            for (int k = 0; k < SMALL_INTS; k++) {
                small_ints[k].hdr.type = OPA_NUMBER;
                small_ints[k].hdr.flags = F_STATIC;
                small_ints[k].v.i = k;
            }
            small_ints_ready = 1;
        }
        return &small_ints[i].hdr;
    }
    opa_number_t *n = opa_malloc(sizeof(opa_number_t));
    n->hdr.type = OPA_NUMBER; n->hdr.flags = 0; n->hdr.pad = 0;
    n->len = 0;
    n->v.i = i;
    return &n->hdr;
}

/* number from decimal text: integers that fit int64 become ints, anything else keeps its text */
OPA_EXPORT(opa_number_ref) opa_value *opa_number_ref(const char *s, i32 len) {
    if (len <= 0 || opa_number_syntax(s, (u32)len) != len) return NULL;
    /* plain integer literal without "-0"? parse it directly */
    i32 p = s[0] == '-' ? 1 : 0, k = p;
    i64 acc = 0;
    int fits = len - p <= 18; /* 18 digits always fit int64 */
    for (; fits && k < len; k++) {
        if (s[k] < '0' || s[k] > '9') { fits = 0; break; }
        acc = acc * 10 + (s[k] - '0');
    }
    if (fits && !(p && acc == 0)) return opa_number_int(p ? -acc : acc);
    opa_number_t *n = opa_malloc(sizeof(opa_number_t));
    n->hdr.type = OPA_NUMBER; n->hdr.flags = F_REF; n->hdr.pad = 0;
    n->len = (u32)len;
    n->v.ref = s;
    return &n->hdr;
}

OPA_EXPORT(opa_string) opa_value *opa_string(const char *s, i32 len) {
    opa_string_t *v = opa_malloc(sizeof(opa_string_t));
    v->hdr.type = OPA_STRING; v->hdr.flags = 0; v->hdr.pad = 0;
    v->len = (u32)len;
    v->data = s;
    return &v->hdr;
}

opa_value *opa_string_alloc(u32 cap) {
    opa_string_t *v = opa_malloc_fixed(sizeof(opa_string_t) + cap);
    v->hdr.type = OPA_STRING; v->hdr.flags = 0; v->hdr.pad = 0;
    v->len = 0;
    v->data = (const char *)(v + 1);
    return &v->hdr;
}

opa_value *opa_string_copy(const char *s, u32 len, u32 hash) {
    opa_value *v = opa_string_alloc(len);
    memcpy((char *)STR(v)->data, s, len);
    STR(v)->len = len;
    STR(v)->hash = hash;
    v->flags |= F_HASHED;
    return v;
}

OPA_EXPORT(opa_array_with_cap) opa_value *opa_array_with_cap(i32 n) {
    opa_array_t *a = opa_malloc(sizeof(opa_array_t));
    a->hdr.type = OPA_ARRAY; a->hdr.flags = 0; a->hdr.pad = 0;
    a->len = 0;
    a->cap = n > 0 ? (u32)n : 0;
    a->elems = a->cap ? opa_malloc(a->cap * sizeof(opa_value *)) : NULL;
    a->src = NULL; a->src_len = 0; a->ends = NULL;
    return &a->hdr;
}

OPA_EXPORT(opa_array) opa_value *opa_array(void) { return opa_array_with_cap(0); }

static opa_value *new_collection(u8 type) {
    opa_collection_t *c = opa_malloc(sizeof(opa_collection_t));
    memset(c, 0, sizeof(*c));
    c->hdr.type = type;
    return &c->hdr;
}

OPA_EXPORT(opa_object) opa_value *opa_object(void) { return new_collection(OPA_OBJECT); }
OPA_EXPORT(opa_set) opa_value *opa_set(void) { return new_collection(OPA_SET); }

OPA_EXPORT(opa_value_type) i32 opa_value_type(opa_value *v) { return v ? v->type : 0; }

/* a container's element block, grown: one stored inline with the value is copied out, never realloc'ed */
static void *grow(opa_value *v, void *block, u32 used, u32 size) {
    if (!(v->flags & F_INLINE)) return opa_realloc(block, size);
    v->flags &= ~F_INLINE;
    void *n = opa_malloc(size);
    memcpy(n, block, used);
    return n;
}

opa_value *opa_array_of(opa_value *const *elems, u32 n, u32 cap) {
    opa_array_t *a = opa_malloc_fixed(sizeof(opa_array_t) + cap * sizeof(opa_value *));
    memset(a, 0, sizeof(*a));
    a->hdr.type = OPA_ARRAY;
    a->hdr.flags = F_INLINE;
    a->elems = (opa_value **)(a + 1);
    memcpy(a->elems, elems, n * sizeof(opa_value *));
    a->len = n;
    a->cap = cap;
    return &a->hdr;
}

OPA_EXPORT(opa_array_append) void opa_array_append(opa_value *v, opa_value *e) {
    opa_array_t *a = ARR(v);
    opa_force(v);
    if (a->len == a->cap) {
        u32 ncap = a->cap ? a->cap * 2 : 4;
        a->elems = grow(v, a->elems, a->len * sizeof(opa_value *), ncap * sizeof(opa_value *));
        a->cap = ncap;
    }
    a->elems[a->len++] = e;
}

/* ---- hashed collections ---- */

#define INDEX_MIN 9 /* below this many entries a linear scan over hashes is faster */

static void index_insert(opa_collection_t *c, u32 i) {
    u32 mask = c->index_cap - 1, h = c->entries[i].hash & mask;
    while (c->index[h] >= 0) h = (h + 1) & mask;
    c->index[h] = (i32)i;
}

/* index slots for n entries, at most quarters/4 full */
static u32 index_size(u32 n, u32 quarters) {
    u32 want = 16;
    while (want * quarters < n * 4) want <<= 1;
    return want;
}

/* an index at most half full (growing collections), or exactly `fit` slots when not 0 */
static void index_build(opa_collection_t *c, u32 fit) {
    if (c->len < INDEX_MIN) { c->index = NULL; c->index_cap = 0; return; }
    u32 want = fit ? fit : index_size(c->len, 2);
    if (c->index == NULL || c->index_cap < want || (fit && c->index_cap != fit)) {
        opa_free(c->index); /* each collection owns its index (copies build their own) */
        c->index = opa_malloc(want * sizeof(i32));
        c->index_cap = want;
    }
    memset(c->index, 0xff, c->index_cap * sizeof(i32));
    for (u32 i = 0; i < c->len; i++) index_insert(c, i);
}

static void index_rebuild(opa_collection_t *c) { index_build(c, 0); }

/* equal keys of equal hashes; strings, by far the most common keys, without the general comparison */
static inline int same_key(opa_value *a, opa_value *b) {
    if (a == b) return 1;
    if (a->type == OPA_STRING && b->type == OPA_STRING)
        return STR(a)->len == STR(b)->len && memcmp(STR(a)->data, STR(b)->data, STR(a)->len) == 0;
    return opa_value_compare(a, b) == 0;
}

i32 opa_collection_find(opa_collection_t *c, opa_value *key, u32 hash) {
    if (c->index) {
        u32 mask = c->index_cap - 1, h = hash & mask;
        for (;;) {
            i32 i = c->index[h];
            if (i < 0) return -1;
            opa_entry *e = &c->entries[i];
            if (e->hash == hash && same_key(e->key, key)) return i;
            h = (h + 1) & mask;
        }
    }
    for (u32 i = 0; i < c->len; i++) {
        opa_entry *e = &c->entries[i];
        if (e->hash == hash && same_key(e->key, key)) return (i32)i;
    }
    return -1;
}

static void collection_put(opa_value *v, opa_value *k, opa_value *val) {
    opa_collection_t *c = COL(v);
    opa_force(v);
    u32 h = opa_key_hash(k);
    i32 i = opa_collection_find(c, k, h);
    if (i >= 0) { c->entries[i].value = val; return; }
    if (c->len == c->cap) {
        u32 ncap = c->cap ? c->cap * 2 : 4;
        c->entries = grow(v, c->entries, c->len * sizeof(opa_entry), ncap * sizeof(opa_entry));
        c->cap = ncap;
    }
    if (c->len > 0 && !(c->hdr.flags & F_UNSORTED) && opa_value_compare(c->entries[c->len - 1].key, k) > 0)
        c->hdr.flags |= F_UNSORTED;
    opa_entry *e = &c->entries[c->len++];
    e->key = k; e->value = val; e->hash = h;
    if (c->len == INDEX_MIN || (c->index && c->len * 2 > c->index_cap)) index_rebuild(c);
    else if (c->index) index_insert(c, c->len - 1);
}

opa_value *opa_collection_of(u8 type, const opa_entry *es, u32 n, u32 cap) {
    opa_collection_t *c = opa_malloc_fixed(sizeof(opa_collection_t) + cap * sizeof(opa_entry));
    memset(c, 0, sizeof(*c));
    c->hdr.type = type;
    c->hdr.flags = F_INLINE;
    c->entries = (opa_entry *)(c + 1);
    memcpy(c->entries, es, n * sizeof(opa_entry));
    c->len = n;
    c->cap = cap;
    for (u32 i = 1; i < n; i++) {
        if (opa_value_compare(es[i - 1].key, es[i].key) > 0) { c->hdr.flags |= F_UNSORTED; break; }
    }
    opa_collection_sort(c);
    if (cap >= INDEX_MIN) { /* sized for cap at once: inserting up to cap entries never grows it */
        c->index_cap = index_size(cap, 2);
        c->index = opa_malloc(c->index_cap * sizeof(i32));
        memset(c->index, 0xff, c->index_cap * sizeof(i32));
        for (u32 i = 0; i < n; i++) index_insert(c, i);
    }
    return &c->hdr;
}

/* a copy of the used part of a grown block; the old block is released */
static void *shrink(void *block, u32 size) {
    void *n = size ? opa_malloc(size) : NULL;
    memcpy(n, block, size);
    opa_free(block);
    return n;
}

void opa_value_seal(opa_value *v) {
    if (v->flags & F_LAZY) return;
    int can_shrink = !(v->flags & F_INLINE);
    if (v->type == OPA_ARRAY) {
        if (can_shrink && ARR(v)->cap > ARR(v)->len) {
            ARR(v)->elems = shrink(ARR(v)->elems, ARR(v)->len * sizeof(opa_value *));
            ARR(v)->cap = ARR(v)->len;
        }
        return;
    }
    opa_collection_t *c = COL(v);
    if (can_shrink && c->cap > c->len) {
        c->entries = shrink(c->entries, c->len * sizeof(opa_entry));
        c->cap = c->len;
    }
    /* sorted now, so that no instance sorts (writes) the shared data when it first iterates */
    opa_collection_sort(c);
    if (c->index) index_build(c, index_size(c->len, 3));
}

OPA_EXPORT(opa_object_insert) void opa_object_insert(opa_value *o, opa_value *k, opa_value *v) { collection_put(o, k, v); }
OPA_EXPORT(opa_set_add) void opa_set_add(opa_value *s, opa_value *v) {
    opa_collection_t *c = COL(s);
    if (opa_collection_find(c, v, opa_key_hash(v)) >= 0) return;
    collection_put(s, v, NULL);
}

void opa_collection_remove_at(opa_collection_t *c, u32 i) {
    memmove(&c->entries[i], &c->entries[i + 1], (c->len - i - 1) * sizeof(opa_entry));
    c->len--;
    index_rebuild(c);
}

/* merge sort by key; in place apart from a temporary buffer released right away */
static void sort_entries(opa_entry *a, opa_entry *tmp, u32 n) {
    if (n < 2) return;
    if (n <= 8) {
        for (u32 i = 1; i < n; i++) {
            opa_entry x = a[i];
            u32 j = i;
            while (j > 0 && opa_value_compare(a[j - 1].key, x.key) > 0) { a[j] = a[j - 1]; j--; }
            a[j] = x;
        }
        return;
    }
    u32 m = n / 2;
    sort_entries(a, tmp, m);
    sort_entries(a + m, tmp, n - m);
    if (opa_value_compare(a[m - 1].key, a[m].key) <= 0) return;
    memcpy(tmp, a, m * sizeof(opa_entry));
    u32 i = 0, j = m, k = 0;
    while (i < m && j < n) a[k++] = opa_value_compare(tmp[i].key, a[j].key) <= 0 ? tmp[i++] : a[j++];
    while (i < m) a[k++] = tmp[i++];
}

void opa_collection_sort(opa_collection_t *c) {
    if (!(c->hdr.flags & F_UNSORTED)) return;
    opa_entry *tmp = c->len > 8 ? opa_malloc((c->len / 2 + 1) * sizeof(opa_entry)) : NULL;
    sort_entries(c->entries, tmp, c->len);
    opa_free(tmp);
    c->hdr.flags &= ~F_UNSORTED;
    if (c->index) index_rebuild(c);
}

opa_entry *opa_sorted_entries(opa_value *v) {
    opa_force(v);
    opa_collection_sort(COL(v));
    return COL(v)->entries;
}

/* ---- generic access ---- */

OPA_EXPORT(opa_value_length) i32 opa_value_length(opa_value *v) {
    if (!v) return 0;
    switch (v->type) {
    case OPA_STRING: return (i32)STR(v)->len;
    case OPA_ARRAY: opa_force(v); return (i32)ARR(v)->len;
    case OPA_OBJECT: case OPA_SET: opa_force(v); return (i32)COL(v)->len;
    }
    return 0;
}

/* Out of line: the index's i64 lives on the stack, and a stack frame costs three accesses to the
 * __stack_pointer global (each a call in JVM bytecode) that lookups in objects should not pay. */
__attribute__((noinline)) static opa_value *array_get(opa_value *v, opa_value *key) {
    i64 i;
    if (key->type != OPA_NUMBER || !opa_number_get_int(key, &i)) return NULL;
    opa_force(v);
    if (i < 0 || i >= ARR(v)->len) return NULL;
    return ARR(v)->elems[i];
}

OPA_EXPORT(opa_value_get) opa_value *opa_value_get(opa_value *v, opa_value *key) {
    if (!v || !key) return NULL;
    switch (v->type) {
    case OPA_ARRAY: return array_get(v, key);
    case OPA_OBJECT: case OPA_SET: {
        opa_force(v);
        i32 i = opa_collection_find(COL(v), key, opa_key_hash(key));
        if (i < 0) return NULL;
        return v->type == OPA_OBJECT ? COL(v)->entries[i].value : COL(v)->entries[i].key;
    }
    }
    return NULL;
}

/* the index after prev (a number), out of line for the reason array_get is */
__attribute__((noinline)) static opa_value *array_next(opa_value *v, opa_value *prev) {
    opa_force(v);
    i64 next = 0;
    if (prev) {
        if (!opa_number_get_int(prev, &next)) return NULL;
        next++;
    }
    if (next < 0 || next >= ARR(v)->len) return NULL;
    return opa_number_int(next);
}

OPA_EXPORT(opa_value_iter) opa_value *opa_value_iter(opa_value *v, opa_value *prev) {
    if (!v) return NULL;
    switch (v->type) {
    case OPA_ARRAY: return array_next(v, prev);
    case OPA_OBJECT: case OPA_SET: {
        opa_collection_t *c = COL(v);
        opa_entry *e = opa_sorted_entries(v);
        if (!prev) return c->len ? e[0].key : NULL;
        i32 i = opa_collection_find(c, prev, opa_key_hash(prev));
        if (i < 0 || (u32)i + 1 >= c->len) return NULL;
        return e[i + 1].key;
    }
    }
    return NULL;
}

OPA_EXPORT(opa_value_shallow_copy) opa_value *opa_value_shallow_copy(opa_value *v) {
    if (!v) return NULL;
    switch (v->type) {
    case OPA_ARRAY: {
        opa_force(v);
        opa_value *r = opa_array_with_cap((i32)ARR(v)->len);
        if (ARR(v)->len) memcpy(ARR(r)->elems, ARR(v)->elems, ARR(v)->len * sizeof(opa_value *));
        ARR(r)->len = ARR(v)->len;
        return r;
    }
    case OPA_OBJECT: case OPA_SET: {
        opa_force(v);
        opa_collection_t *c = COL(v);
        opa_collection_t *r = COL(new_collection(v->type));
        if (c->len) {
            r->entries = opa_malloc(c->len * sizeof(opa_entry));
            memcpy(r->entries, c->entries, c->len * sizeof(opa_entry));
            r->cap = r->len = c->len;
            r->hdr.flags = c->hdr.flags & F_UNSORTED;
            index_rebuild(r);
        }
        return &r->hdr;
    }
    }
    return v;
}

/* ObjectMergeStmt: deep merge of two objects, left wins on conflicts; undefined unless both are objects */
OPA_EXPORT(opa_value_merge) opa_value *opa_value_merge(opa_value *a, opa_value *b) {
    if (!a) return b;
    if (!b) return a;
    if (a->type != OPA_OBJECT || b->type != OPA_OBJECT) return NULL;
    opa_value *r = opa_value_shallow_copy(a);
    opa_force(b);
    opa_collection_t *cb = COL(b), *cr = COL(r);
    for (u32 i = 0; i < cb->len; i++) {
        opa_entry *e = &cb->entries[i];
        i32 j = opa_collection_find(cr, e->key, e->hash);
        if (j < 0) { opa_object_insert(r, e->key, e->value); continue; }
        opa_value *av = cr->entries[j].value;
        if (av->type == OPA_OBJECT && e->value->type == OPA_OBJECT) {
            cr->entries[j].value = opa_value_merge(av, e->value);
        }
    }
    return r;
}

/* WithStmt: copy-on-write upsert of value at path; objects are created on the way */
static opa_value *upsert(opa_value *base, opa_array_t *path, u32 i, opa_value *value) {
    if (i == path->len) return value;
    opa_value *key = path->elems[i];
    opa_value *r;
    opa_value *child = NULL;
    if (base && base->type == OPA_OBJECT) {
        r = opa_value_shallow_copy(base);
        child = opa_value_get(base, key);
    } else {
        r = opa_object();
    }
    opa_object_insert(r, key, upsert(child, path, i + 1, value));
    return r;
}

OPA_EXPORT(opa_value_upsert_path) opa_value *opa_value_upsert_path(opa_value *base, opa_value *path, opa_value *value) {
    if (!path || path->type != OPA_ARRAY) return NULL;
    opa_force(path);
    return upsert(base, ARR(path), 0, value);
}

/* ---- data updates (ABI) ---- */
enum { OPA_ERR_OK = 0, OPA_ERR_INTERNAL = 1, OPA_ERR_INVALID_TYPE = 2, OPA_ERR_INVALID_PATH = 3 };

OPA_EXPORT(opa_value_add_path) i32 opa_value_add_path(opa_value *base, opa_value *path, opa_value *value) {
    if (!base || !path || !value || base->type != OPA_OBJECT || path->type != OPA_ARRAY) return OPA_ERR_INVALID_TYPE;
    opa_force(path);
    opa_array_t *p = ARR(path);
    if (p->len == 0) return OPA_ERR_INVALID_PATH;
    /* check first, so that an error leaves base unchanged */
    opa_value *cur = base;
    for (u32 i = 0; i + 1 < p->len && cur; i++) {
        cur = opa_value_get(cur, p->elems[i]);
        if (cur && cur->type != OPA_OBJECT) return OPA_ERR_INVALID_PATH;
    }
    cur = base;
    for (u32 i = 0; i + 1 < p->len; i++) {
        opa_value *next = opa_value_get(cur, p->elems[i]);
        if (!next) { next = opa_object(); opa_object_insert(cur, p->elems[i], next); }
        cur = next;
    }
    opa_object_insert(cur, p->elems[p->len - 1], value);
    return OPA_ERR_OK;
}

OPA_EXPORT(opa_value_remove_path) i32 opa_value_remove_path(opa_value *base, opa_value *path) {
    if (!base || !path || base->type != OPA_OBJECT || path->type != OPA_ARRAY) return OPA_ERR_INVALID_TYPE;
    opa_force(path);
    opa_array_t *p = ARR(path);
    if (p->len == 0) return OPA_ERR_INVALID_PATH;
    opa_value *cur = base;
    for (u32 i = 0; i + 1 < p->len; i++) {
        cur = opa_value_get(cur, p->elems[i]);
        if (!cur) return OPA_ERR_OK; /* nothing to remove */
        if (cur->type != OPA_OBJECT) return OPA_ERR_INVALID_PATH;
    }
    opa_value *key = p->elems[p->len - 1];
    opa_force(cur);
    i32 i = opa_collection_find(COL(cur), key, opa_key_hash(key));
    if (i >= 0) opa_collection_remove_at(COL(cur), (u32)i);
    return OPA_ERR_OK;
}

/* Values share structure (copy-on-write results, static constants, parsed text), so a value is
 * reclaimed by the heap reset after evaluation, not here. */
OPA_EXPORT(opa_value_free) void opa_value_free(opa_value *v) { (void)v; }
