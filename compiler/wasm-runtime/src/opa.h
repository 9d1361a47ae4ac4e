/* Internal interface of the OPA-ABI runtime library (see ../CONTRACT.md for the public one). */
#ifndef OPA_H
#define OPA_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef long long i64;
typedef unsigned long long u64;
typedef unsigned long usize;

#define NULL ((void *)0)
#define OPA_EXPORT(name) __attribute__((used, visibility("default"), export_name(#name)))
/* Kept in the module and named, but not exported: the plan compiler links to it by name. */
#define OPA_KEEP __attribute__((used, visibility("default")))

enum { OPA_NULL = 1, OPA_BOOLEAN = 2, OPA_NUMBER = 3, OPA_STRING = 4, OPA_ARRAY = 5, OPA_OBJECT = 6, OPA_SET = 7 };

/* flags */
#define F_LAZY 1      /* array/object still points at its validated JSON text */
#define F_UNSORTED 2  /* object/set entries not in OPA order */
#define F_REF 4       /* number kept as decimal text */
#define F_STATIC 8    /* never freed */
#define F_HASHED 16   /* string: hash cached */
#define F_INLINE 32   /* array/object/set: elements stored in the value's own block (grow by copying, never realloc) */

typedef struct opa_value { u8 type; u8 flags; u16 pad; } opa_value;

typedef struct { opa_value hdr; u32 b; } opa_boolean_t;
typedef struct { opa_value hdr; u32 len; union { i64 i; const char *ref; } v; } opa_number_t;
typedef struct { opa_value hdr; u32 len; const char *data; u32 hash; } opa_string_t;
/* src/src_len/ends: a lazy container's JSON text and the end offsets of the containers inside it */
typedef struct { opa_value hdr; u32 len; u32 cap; opa_value **elems; const char *src; u32 src_len; u32 *ends; } opa_array_t;
typedef struct { opa_value *key; opa_value *value; u32 hash; } opa_entry;
/* objects and sets: entries in insertion order (sorted lazily), plus an open-addressing index once large;
 * a lazy object has no entries yet, so its text shares the index's place */
typedef struct {
    opa_value hdr; u32 len; u32 cap; opa_entry *entries;
    union {
        struct { i32 *index; u32 index_cap; };
        struct { const char *src; u32 src_len; u32 *ends; };
    };
} opa_collection_t;

/* libc-like helpers (freestanding) */
void *memcpy(void *d, const void *s, usize n);
void *memmove(void *d, const void *s, usize n);
void *memset(void *d, int c, usize n);
int memcmp(const void *a, const void *b, usize n);
usize strlen(const char *s);

/* host imports */
__attribute__((import_module("env"), import_name("opa_abort"))) void opa_abort(const char *msg);
__attribute__((import_module("env"), import_name("opa_println"))) void opa_println(const char *msg);

/* allocator */
void *opa_malloc(u32 size);
void *opa_realloc(void *p, u32 size);
void *opa_malloc_fixed(u32 size); /* never freed nor realloc'ed: no header */
void opa_free(void *p);
char *opa_strdup_n(const char *s, u32 n);

void opa_memoize_reset(void);

/* values */
opa_value *opa_null(void);
opa_value *opa_boolean(i32 b);
opa_value *opa_number_int(i64 i);
opa_value *opa_number_ref(const char *s, i32 len);
opa_value *opa_string(const char *s, i32 len);
opa_value *opa_string_alloc(u32 cap);     /* string whose bytes (up to cap, len 0) live in its own block */
opa_value *opa_string_copy(const char *s, u32 len, u32 hash); /* copy in one block, hash already known */
u32 opa_string_hash(const char *s, u32 len); /* opa_value_hash of a string with these bytes */
opa_value *opa_array(void);
opa_value *opa_array_with_cap(i32 n);
opa_value *opa_object(void);
opa_value *opa_set(void);
void opa_array_append(opa_value *a, opa_value *v);
void opa_object_insert(opa_value *o, opa_value *k, opa_value *v);
void opa_set_add(opa_value *s, opa_value *v);
opa_value *opa_value_get(opa_value *v, opa_value *key);
opa_value *opa_value_iter(opa_value *v, opa_value *prev);
i32 opa_value_length(opa_value *v);
i32 opa_value_compare(opa_value *a, opa_value *b);
i32 opa_value_type(opa_value *v);
u32 opa_value_hash(opa_value *v);
opa_value *opa_value_shallow_copy(opa_value *v);
opa_value *opa_value_merge(opa_value *a, opa_value *b);
i64 opa_number_to_i64(opa_value *v);
i32 opa_value_is_integer(opa_value *v);

/* collection internals */
void opa_force_lazy(opa_value *v);          /* materialise a lazy array/object */
/* Inline, so that the common case (not lazy) costs a flag test: the materialising needs a stack frame, and a frame
 * costs three accesses to the __stack_pointer global, each a call in JVM bytecode. */
static inline void opa_force(opa_value *v) { if (v->flags & F_LAZY) opa_force_lazy(v); }
void opa_collection_sort(opa_collection_t *c);
i32 opa_collection_find(opa_collection_t *c, opa_value *key, u32 hash);
void opa_collection_remove_at(opa_collection_t *c, u32 i);
/* containers in one block of cap entries/elements (data parsing), the first n given (keys hashed, distinct) */
opa_value *opa_collection_of(u8 type, const opa_entry *es, u32 n, u32 cap);
opa_value *opa_array_of(opa_value *const *elems, u32 n, u32 cap);
/* a parsed container complete: spare capacity dropped; objects and sets sorted, index at most 3/4 full */
void opa_value_seal(opa_value *v);
opa_entry *opa_sorted_entries(opa_value *v); /* object/set entries in OPA order */
static inline opa_array_t *ARR(opa_value *v) { return (opa_array_t *)v; }
static inline opa_collection_t *COL(opa_value *v) { return (opa_collection_t *)v; }
static inline opa_string_t *STR(opa_value *v) { return (opa_string_t *)v; }
static inline opa_number_t *NUM(opa_value *v) { return (opa_number_t *)v; }
/* opa_value_hash, with a string's cached hash read in place: lookups hash their key every time */
static inline u32 opa_key_hash(opa_value *v) {
    return v && v->type == OPA_STRING && (v->flags & F_HASHED) ? STR(v)->hash : opa_value_hash(v);
}

/* numbers */
typedef struct { i32 neg; const char *d; i32 n; i32 exp; } opa_dec; /* value = (-1)^neg * 0.d[0..n) * 10^exp; n == 0 is zero */
void opa_number_dec(opa_value *v, opa_dec *out, char *buf /* >= 24 bytes */);
i32 opa_dec_compare(const opa_dec *a, const opa_dec *b);
i32 opa_number_get_int(opa_value *v, i64 *out); /* 1 if the number is an integer within int64 */
opa_value *opa_number_from_dec(const opa_dec *d);
i32 opa_number_text(opa_value *v, char *buf /* >= 24 */, const char **out); /* text of a number */
i32 opa_number_syntax(const char *s, u32 len); /* length of a JSON number at s, 0 if none */
i32 opa_dec_get_int(const opa_dec *d, i64 *out);

/* JSON */
opa_value *opa_json_parse(const char *s, i32 len);
opa_value *opa_value_parse(const char *s, i32 len);
opa_value *opa_json_parse_lazy(const char *s, u32 len);
opa_value *opa_json_parse_text(const char *s, u32 len);
/* opa_eval parses input up to this many bytes in one pass, longer input lazily */
#define EAGER_INPUT_MAX 512u
char *opa_json_dump(opa_value *v);
char *opa_value_dump(opa_value *v);
char *opa_value_print(opa_value *v); /* as OPA prints a term: {"a": 1}, {1, 2}, set() */
opa_value *opa_lazy_materialise_string(const char *s, u32 len);

/* string building */
typedef struct { char *buf; u32 len; u32 cap; } opa_buf;
void buf_init(opa_buf *b, u32 cap);
void buf_put(opa_buf *b, const char *s, u32 n);
void buf_putc(opa_buf *b, char c);
void buf_put_i64(opa_buf *b, i64 i);

/* errors raised by native builtins: undefined unless strict */
opa_value *opa_builtin_error(const char *code, const char *msg);
opa_value *opa_type_error(const char *fname, i32 operand, const char *want, opa_value *got);
const char *opa_type_name_str(opa_value *v);
/* "<fname>: operand <n> must be integer number but got floating-point number" (eval_type_error) */
opa_value *opa_int_operand_error(const char *fname, i32 operand);
/* returns the type error from a builtin when argument v is not of type t */
#define OPA_ARG(fname, i, v, t, tn) if (!(v) || (v)->type != (t)) return opa_type_error(fname, i, tn, v)
void opa_runtime_error(const char *file, i32 row, i32 col, const char *msg);

#endif
