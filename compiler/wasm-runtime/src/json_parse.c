/* JSON (RFC 8259) and Rego value parsing. Never reads outside [s, s+len); malformed input gives 0.
 * Lazy mode (opa_eval's input): the whole text is validated first, then containers below the top
 * are kept as spans of text and materialised one level at a time on first access.
 * Compact mode (opa_json_parse, used for data): values keep no reference to the text, strings hold
 * their bytes in their own block and equal strings are shared, containers are sized exactly. */
#include "opa.h"

#define MAX_DEPTH 256 /* nesting limit: keeps recursion within the call depth wasm engines allow (Chicory ~1000 frames) */

typedef struct {
    const char *p, *end;
    int sets;   /* Rego set literals and non-string keys allowed */
    int lazy;   /* nested containers stay text (the text is validated first, see parse_all) */
    const char *base; /* with ends: ends[o] is the length of the container opening at offset o from base */
    u32 *ends;
    int compact;      /* see the top of this file */
    opa_value **intern; /* compact mode, large texts: INTERN_SLOTS recent strings by hash */
    u32 *counts, ncounts, next_count; /* compact mode, large texts: see count_large */
    int escapes;      /* set by scan_string: the string it scanned needs decoding */
} parser;

#define INTERN_SLOTS 4096 /* direct-mapped: repeated keys and values ("role", "admin") hit, a miss replaces */
#define INTERN_MIN 4096   /* texts shorter than this are not worth the table */
#define SMALL 8           /* members a compact container gathers on the stack before its size is known */

static inline void skip_ws(parser *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++;
}

/* the code unit of four hex digits, or -1: returned, not written through a pointer, so callers need no stack frame */
static i32 hex4(const char *p) {
    i32 v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

/* length of a valid UTF-8 sequence starting at p (p < end), 0 if invalid */
static u32 utf8_len(const u8 *p, const u8 *end) {
    u8 c = p[0];
    if (c < 0x80) return 1;
    u32 n, min;
    u32 cp;
    if ((c & 0xe0) == 0xc0) { n = 2; cp = c & 0x1f; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { n = 3; cp = c & 0x0f; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { n = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if ((u32)(end - p) < n) return 0;
    for (u32 i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

static u32 put_utf8(char *o, u32 cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xc0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* SWAR: 8 bytes at a time while none is '"', '\\', a control character or non-ASCII */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
/* __builtin_: under -ffreestanding a plain memcpy is a call (and a stack frame), not one unaligned i64.load */
static inline u64 load8(const char *p) { u64 x; __builtin_memcpy(&x, p, 8); return x; }
static inline u64 has_zero_byte(u64 x) { return (x - ONES) & ~x & HIGHS; }
/* high bit set in (at least) the lowest byte that is special */
static inline u64 special8(u64 x) {
    return (x & HIGHS) | has_zero_byte(x ^ (ONES * '"')) | has_zero_byte(x ^ (ONES * '\\')) | ((x - ONES * 0x20) & ~x & HIGHS);
}

/* Scans a string at ps->p (on the opening quote). Sets ps->escapes when decoding is needed (in the parser rather
 * than through a pointer to a local, which would give every caller a stack frame). Returns the end of the contents
 * (closing quote) or NULL. */
static const char *scan_string(parser *ps) {
    const char *p = ps->p + 1, *end = ps->end;
    ps->escapes = 0;
    while (p < end) {
        while (end - p >= 8) {
            u64 m = special8(load8(p));
            if (m) { p += __builtin_ctzll(m) >> 3; break; } /* the lowest flagged byte is exact */
            p += 8;
        }
        if (p >= end) break;
        u8 c = (u8)*p;
        if (c == '"') return p;
        if (c < 0x20) return NULL;
        if (c == '\\') {
            ps->escapes = 1;
            if (end - p < 2) return NULL;
            char e = p[1];
            if (e == 'u') {
                if (end - p < 6 || hex4(p + 2) < 0) return NULL;
                p += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                p += 2;
            } else return NULL;
        } else if (c < 0x80) {
            p++;
        } else {
            u32 n = utf8_len((const u8 *)p, (const u8 *)end);
            if (!n) return NULL;
            p += n;
        }
    }
    return NULL;
}

/* decodes validated string contents [b, e) with escapes; lone surrogates become U+FFFD as in Go */
static opa_value *decode_string(const char *b, const char *e) {
    opa_value *v = opa_string_alloc((u32)(e - b));
    char *out = (char *)STR(v)->data;
    u32 n = 0;
    const char *p = b;
    while (p < e) {
        if (*p != '\\') { out[n++] = *p++; continue; }
        char c = p[1];
        p += 2;
        switch (c) {
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            u32 cp = (u32)hex4(p);
            p += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                i32 lo = e - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2) : -1;
                if (lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + ((u32)lo - 0xdc00);
                    p += 6;
                } else cp = 0xfffd;
            } else if (cp >= 0xdc00 && cp < 0xe000) cp = 0xfffd;
            n += put_utf8(out + n, cp);
            break;
        }
        default: out[n++] = c; break;
        }
    }
    STR(v)->len = n;
    return v;
}

/* compact mode: a string in its own block, the same value as an equal string met recently */
static opa_value *compact_string(parser *ps, const char *s, u32 len) {
    u32 h = opa_string_hash(s, len);
    if (!ps->intern) return opa_string_copy(s, len, h);
    opa_value **slot = &ps->intern[h & (INTERN_SLOTS - 1)];
    opa_value *v = *slot;
    if (v && STR(v)->hash == h && STR(v)->len == len && memcmp(STR(v)->data, s, len) == 0) return v;
    return *slot = opa_string_copy(s, len, h);
}


static int expect_word(parser *ps, const char *w, u32 n) {
    if ((u32)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0) return 0;
    ps->p += n;
    return 1;
}

static inline int is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Validates one JSON value without recursion (it runs over every byte of opa_eval's input), and
 * notes each container's length in ps->ends. Nesting limit as parse_value: a value deeper than
 * MAX_DEPTH fails. */
static int validate_json(parser *ps) {
    u8 is_obj[MAX_DEPTH + 2];
    u32 open[MAX_DEPTH + 2];
    i32 sp = 0;
    const char *p = ps->p, *end = ps->end, *base = ps->base;
    u32 *ends = ps->ends;
value:
    if (sp > MAX_DEPTH) return 0;
    while (p < end && is_ws(*p)) p++;
    if (p >= end) return 0;
    switch (*p) {
    case '"': {
        ps->p = p;
        const char *e = scan_string(ps);
        if (!e) return 0;
        p = e + 1;
        break;
    }
    case '[': case '{': {
        int obj = *p == '{';
        is_obj[sp] = (u8)obj;
        open[sp] = (u32)(p - base);
        sp++;
        p++;
        while (p < end && is_ws(*p)) p++;
        if (p < end && *p == (obj ? '}' : ']')) {
            p++;
            sp--;
            ends[open[sp]] = (u32)(p - base) - open[sp];
            break;
        }
        if (obj) goto key;
        goto value;
    }
    case 't': if (end - p < 4 || memcmp(p, "true", 4) != 0) return 0; p += 4; break;
    case 'f': if (end - p < 5 || memcmp(p, "false", 5) != 0) return 0; p += 5; break;
    case 'n': if (end - p < 4 || memcmp(p, "null", 4) != 0) return 0; p += 4; break;
    default: {
        i32 n = opa_number_syntax(p, (u32)(end - p));
        if (!n) return 0;
        p += n;
    }
    }
    /* after a value: close containers, or go on to the next element */
    for (;;) {
        if (sp == 0) { ps->p = p; return 1; }
        while (p < end && is_ws(*p)) p++;
        if (p >= end) return 0;
        int obj = is_obj[sp - 1];
        if (*p == ',') {
            p++;
            if (obj) goto key;
            goto value;
        }
        if (*p != (obj ? '}' : ']')) return 0;
        p++;
        sp--;
        ends[open[sp]] = (u32)(p - base) - open[sp];
    }
key:
    if (sp > MAX_DEPTH) return 0;
    while (p < end && is_ws(*p)) p++;
    if (p >= end || *p != '"') return 0;
    ps->p = p;
    {
        const char *e = scan_string(ps);
        if (!e) return 0;
        p = e + 1;
    }
    while (p < end && is_ws(*p)) p++;
    if (p >= end || *p != ':') return 0;
    p++;
    goto value;
}

static opa_value *parse_value(parser *ps, int depth);

/* a nested container of validated text: its length comes from the table the validation filled */
static opa_value *lazy_node(parser *ps, u8 type) {
    const char *start = ps->p;
    u32 *ends = ps->ends + (start - ps->base); /* re-based so the node's own text starts at offset 0 */
    ps->p = start + ends[0];
    opa_value *v = type == OPA_ARRAY ? opa_array() : opa_object();
    if (type == OPA_ARRAY) { ARR(v)->src = start; ARR(v)->src_len = (u32)(ps->p - start); ARR(v)->ends = ends; }
    else { COL(v)->src = start; COL(v)->src_len = (u32)(ps->p - start); COL(v)->ends = ends; }
    v->flags |= F_LAZY;
    return v;
}

static int parse_array_into(parser *ps, opa_value *a, int depth) {
    ps->p++; /* [ */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') { ps->p++; return 1; }
    for (;;) {
        opa_value *e = parse_value(ps, depth + 1);
        if (!e) return 0;
        opa_array_append(a, e);
        skip_ws(ps);
        if (ps->p >= ps->end) return 0;
        if (*ps->p == ',') { ps->p++; continue; }
        if (*ps->p == ']') { ps->p++; return 1; }
        return 0;
    }
}

/* object (or, with Rego syntax, set) after the '{' */
static opa_value *parse_brace(parser *ps, opa_value *obj, int depth) {
    ps->p++; /* { */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') { ps->p++; return obj ? obj : opa_object(); }
    opa_value *res = obj;
    for (;;) {
        skip_ws(ps);
        if (!ps->sets && (ps->p >= ps->end || *ps->p != '"')) return NULL;
        opa_value *k = parse_value(ps, depth + 1);
        if (!k) return NULL;
        skip_ws(ps);
        if (ps->p >= ps->end) return NULL;
        if (!res) res = (ps->sets && *ps->p != ':') ? opa_set() : opa_object();
        if (res->type == OPA_SET) {
            opa_set_add(res, k);
        } else {
            if (*ps->p != ':') return NULL;
            ps->p++;
            opa_value *v = parse_value(ps, depth + 1);
            if (!v) return NULL;
            opa_object_insert(res, k, v);
            skip_ws(ps);
            if (ps->p >= ps->end) return NULL;
        }
        if (*ps->p == ',') { ps->p++; continue; }
        if (*ps->p == '}') { ps->p++; return res; }
        return NULL;
    }
}

/* Compact mode, large texts: the member count of each container with more than SMALL members, in the order
 * a parse meets their (SMALL+1)th member, so that the parse sizes them exactly rather than growing them (the
 * outgrown blocks would stay among the data). A rough scan: on malformed text the counts are wrong, and the
 * parse, which rejects that text, only grows a container whose count was short. */
static u32 *count_large(const char *s, u32 len, u32 *ncounts) {
    u32 members[MAX_DEPTH + 1], slot[MAX_DEPTH + 1];
    i32 sp = -1;
    u32 n = 0, cap = 64;
    u32 *counts = opa_malloc(cap * sizeof(u32)); /* topmost while it grows: realloc extends it in place */
    int fresh = 0; /* right after an opening bracket */
    for (u32 i = 0; i < len; i++) {
        char c = s[i];
        if (is_ws(c)) continue;
        if (fresh) {
            fresh = 0;
            if (c != '}' && c != ']') members[sp] = 1;
        }
        if (c == '"') {
            for (i++; i < len && s[i] != '"'; i++) if (s[i] == '\\') i++;
        } else if (c == '{' || c == '[') {
            if (sp + 1 > MAX_DEPTH) break;
            sp++;
            members[sp] = 0;
            slot[sp] = (u32)-1;
            fresh = 1;
        } else if ((c == '}' || c == ']') && sp >= 0) {
            if (slot[sp] != (u32)-1) counts[slot[sp]] = members[sp];
            sp--;
        } else if (c == ',' && sp >= 0 && ++members[sp] == SMALL + 1) {
            if (n == cap) { cap *= 2; counts = opa_realloc(counts, cap * sizeof(u32)); }
            slot[sp] = n;
            counts[n++] = 0;
        }
    }
    *ncounts = n;
    return counts;
}

/* the size of the next container that outgrows SMALL members, 0 when unknown */
static u32 next_count(parser *ps) {
    return ps->counts && ps->next_count < ps->ncounts ? ps->counts[ps->next_count++] : 0;
}

/* compact mode: an object member into the stack buffer (a repeated key replaces, as opa_object_insert) */
static void small_put(opa_entry *es, u32 *n, opa_value *k, opa_value *v) {
    u32 h = opa_value_hash(k);
    for (u32 i = 0; i < *n; i++) {
        if (es[i].hash == h && opa_value_compare(es[i].key, k) == 0) { es[i].value = v; return; }
    }
    es[*n].key = k; es[*n].value = v; es[*n].hash = h;
    (*n)++;
}

/* compact mode: up to SMALL members in one exact block; past that, an object sized by count_large */
static opa_value *parse_object_compact(parser *ps, int depth) {
    opa_entry small[SMALL];
    u32 n = 0, members = 0;
    opa_value *o = NULL;
    ps->p++; /* { */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') { ps->p++; return opa_collection_of(OPA_OBJECT, small, 0, 0); }
    for (;;) {
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != '"') return NULL;
        opa_value *k = parse_value(ps, depth + 1);
        if (!k) return NULL;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':') return NULL;
        ps->p++;
        opa_value *v = parse_value(ps, depth + 1);
        if (!v) return NULL;
        if (o) opa_object_insert(o, k, v);
        else small_put(small, &n, k, v);
        members++;
        skip_ws(ps);
        if (ps->p >= ps->end) return NULL;
        if (*ps->p == ',') {
            ps->p++;
            if (members == SMALL) { /* more to come: where count_large noted this object */
                u32 cap = next_count(ps);
                o = opa_collection_of(OPA_OBJECT, NULL, 0, cap > SMALL ? cap : 2 * SMALL);
                for (u32 i = 0; i < n; i++) opa_object_insert(o, small[i].key, small[i].value);
            }
            continue;
        }
        if (*ps->p != '}') return NULL;
        ps->p++;
        if (!o) return opa_collection_of(OPA_OBJECT, small, n, n);
        opa_value_seal(o);
        return o;
    }
}

/* compact mode: as parse_object_compact, for arrays */
static opa_value *parse_array_compact(parser *ps, int depth) {
    opa_value *small[SMALL];
    u32 n = 0;
    opa_value *a = NULL;
    ps->p++; /* [ */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') { ps->p++; return opa_array_of(small, 0, 0); }
    for (;;) {
        opa_value *e = parse_value(ps, depth + 1);
        if (!e) return NULL;
        if (a) opa_array_append(a, e);
        else small[n++] = e;
        skip_ws(ps);
        if (ps->p >= ps->end) return NULL;
        if (*ps->p == ',') {
            ps->p++;
            if (!a && n == SMALL) {
                u32 cap = next_count(ps);
                a = opa_array_of(small, n, cap > SMALL ? cap : 2 * SMALL);
            }
            continue;
        }
        if (*ps->p != ']') return NULL;
        ps->p++;
        if (!a) return opa_array_of(small, n, n);
        opa_value_seal(a);
        return a;
    }
}

static opa_value *parse_value(parser *ps, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    skip_ws(ps);
    if (ps->p >= ps->end) return NULL;
    char c = *ps->p;
    switch (c) {
    case '"': {
        const char *e = scan_string(ps);
        if (!e) return NULL;
        const char *b = ps->p + 1;
        ps->p = e + 1;
        if (ps->escapes) return decode_string(b, e);
        return ps->compact ? compact_string(ps, b, (u32)(e - b)) : opa_string(b, (i32)(e - b));
    }
    case '[': {
        if (ps->compact) return parse_array_compact(ps, depth);
        if (ps->lazy && depth > 0) return lazy_node(ps, OPA_ARRAY);
        opa_value *a = opa_array();
        return parse_array_into(ps, a, depth) ? a : NULL;
    }
    case '{':
        if (ps->compact) return parse_object_compact(ps, depth);
        if (ps->lazy && depth > 0) return lazy_node(ps, OPA_OBJECT);
        return parse_brace(ps, NULL, depth);
    case 't': return expect_word(ps, "true", 4) ? opa_boolean(1) : NULL;
    case 'f': return expect_word(ps, "false", 5) ? opa_boolean(0) : NULL;
    case 'n': return expect_word(ps, "null", 4) ? opa_null() : NULL;
    case 's': return ps->sets && expect_word(ps, "set()", 5) ? opa_set() : NULL;
    default: {
        i32 n = opa_number_syntax(ps->p, (u32)(ps->end - ps->p));
        if (!n) return NULL;
        opa_value *v = opa_number_ref(ps->p, n);
        if (v && (v->flags & F_REF) && ps->compact) NUM(v)->v.ref = opa_strdup_n(ps->p, (u32)n);
        ps->p += n;
        return v;
    }
    }
}

static opa_value *parse_all(const char *s, u32 len, int sets, int lazy, int compact) {
    if (!s && len) return NULL;
    parser ps = {s, s + len, sets, lazy, s, NULL, compact, NULL, NULL, 0, 0, 0};
    if (lazy) {
        /* validate everything first, noting where each container ends (4 bytes per input byte,
         * written only at container openings) */
        parser check = ps;
        check.ends = opa_malloc(len * 4 + 4);
        if (sets || !validate_json(&check)) return NULL;
        skip_ws(&check);
        if (check.p != check.end) return NULL;
        ps.ends = check.ends;
    }
    if (compact && len >= INTERN_MIN) {
        ps.counts = count_large(s, len, &ps.ncounts);
        ps.intern = opa_malloc(INTERN_SLOTS * sizeof(opa_value *));
        memset(ps.intern, 0, INTERN_SLOTS * sizeof(opa_value *));
    }
    opa_value *v = parse_value(&ps, 0);
    opa_free(ps.intern);
    opa_free(ps.counts);
    if (!v) return NULL;
    skip_ws(&ps);
    if (ps.p != ps.end) return NULL;
    return v;
}

/* Values keep no reference to the text (compact mode): hosts may free or overwrite it after parsing. */
OPA_EXPORT(opa_json_parse) opa_value *opa_json_parse(const char *s, i32 len) {
    if (len < 0) return NULL;
    return parse_all(s, (u32)len, 0, 0, 1);
}

OPA_EXPORT(opa_value_parse) opa_value *opa_value_parse(const char *s, i32 len) {
    if (len < 0) return NULL;
    char *copy = opa_malloc((u32)len);
    memcpy(copy, s, (u32)len);
    return parse_all(copy, (u32)len, 1, 0, 0);
}

/* JSON parse in one pass over text that outlives the value (opa_eval's short input): strings point into it. */
OPA_KEEP opa_value *opa_json_parse_text(const char *s, u32 len) { return parse_all(s, len, 0, 0, 0); }

/* Lazy JSON parse over text that outlives the value (opa_eval's input). */
OPA_KEEP opa_value *opa_json_parse_lazy(const char *s, u32 len) { return parse_all(s, len, 0, 1, 0); }

/* Materialises one level of a lazy container; its text was validated when it was made lazy. */
void opa_force_lazy(opa_value *v) {
    v->flags &= ~F_LAZY;
    parser ps;
    ps.sets = 0;
    ps.lazy = 1;
    ps.compact = 0;
    ps.intern = NULL;
    ps.counts = NULL;
    if (v->type == OPA_ARRAY) {
        ps.p = ps.base = ARR(v)->src; ps.end = ps.p + ARR(v)->src_len; ps.ends = ARR(v)->ends;
        ARR(v)->src = NULL;
        if (!parse_array_into(&ps, v, 0)) opa_abort("internal error: lazy array");
    } else {
        ps.p = ps.base = COL(v)->src; ps.end = ps.p + COL(v)->src_len; ps.ends = COL(v)->ends;
        COL(v)->src = NULL; COL(v)->src_len = 0; COL(v)->ends = NULL; /* the index's place, from now on */
        if (!parse_brace(&ps, v, 0)) opa_abort("internal error: lazy object");
    }
}
