/* String builtins. Offsets and lengths count Unicode code points, as in OPA. */
#include "opa.h"

static opa_value *str_n(const char *s, u32 n) { return opa_string(s, (i32)n); }

/* decodes one code point (input is valid UTF-8: it came from the parser or the plan) */
static u32 next_cp(const u8 *s, u32 n, u32 *i) {
    u8 c = s[*i];
    u32 len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
    if (*i + len > n) len = n - *i;
    u32 cp = len == 1 ? c : len == 2 ? (c & 0x1fu) : len == 3 ? (c & 0x0fu) : (c & 0x07u);
    for (u32 k = 1; k < len; k++) cp = (cp << 6) | (s[*i + k] & 0x3fu);
    *i += len;
    return cp;
}

static int find(const char *h, u32 hn, const char *n, u32 nn, u32 from) {
    if (nn == 0) return (int)from;
    for (u32 i = from; i + nn <= hn; i++) if (h[i] == n[0] && memcmp(h + i, n, nn) == 0) return (int)i;
    return -1;
}

OPA_KEEP opa_value *opa_builtin_concat(opa_value *delim, opa_value *coll) {
    OPA_ARG("concat", 1, delim, OPA_STRING, "string");
    if (!coll || (coll->type != OPA_ARRAY && coll->type != OPA_SET)) return opa_type_error("concat", 2, "one of {array, set}", coll);
    opa_buf b;
    buf_init(&b, 64);
    u32 n;
    if (coll->type == OPA_ARRAY) { opa_force(coll); n = ARR(coll)->len; } else { opa_sorted_entries(coll); n = COL(coll)->len; }
    for (u32 i = 0; i < n; i++) {
        opa_value *e = coll->type == OPA_ARRAY ? ARR(coll)->elems[i] : COL(coll)->entries[i].key;
        if (e->type != OPA_STRING) return opa_type_error("concat", 2, "one of {array, set} of strings", e);
        if (i) buf_put(&b, STR(delim)->data, STR(delim)->len);
        buf_put(&b, STR(e)->data, STR(e)->len);
    }
    return str_n(b.buf, b.len);
}

OPA_KEEP opa_value *opa_builtin_contains(opa_value *s, opa_value *sub) {
    OPA_ARG("contains", 1, s, OPA_STRING, "string");
    OPA_ARG("contains", 2, sub, OPA_STRING, "string");
    return opa_boolean(find(STR(s)->data, STR(s)->len, STR(sub)->data, STR(sub)->len, 0) >= 0);
}

OPA_KEEP opa_value *opa_builtin_startswith(opa_value *s, opa_value *p) {
    OPA_ARG("startswith", 1, s, OPA_STRING, "string");
    OPA_ARG("startswith", 2, p, OPA_STRING, "string");
    return opa_boolean(STR(p)->len <= STR(s)->len && memcmp(STR(s)->data, STR(p)->data, STR(p)->len) == 0);
}

OPA_KEEP opa_value *opa_builtin_endswith(opa_value *s, opa_value *p) {
    OPA_ARG("endswith", 1, s, OPA_STRING, "string");
    OPA_ARG("endswith", 2, p, OPA_STRING, "string");
    u32 n = STR(s)->len, m = STR(p)->len;
    return opa_boolean(m <= n && memcmp(STR(s)->data + n - m, STR(p)->data, m) == 0);
}

/* Go's strings.Split: an empty separator splits into code points */
OPA_KEEP opa_value *opa_builtin_split(opa_value *s, opa_value *d) {
    OPA_ARG("split", 1, s, OPA_STRING, "string");
    OPA_ARG("split", 2, d, OPA_STRING, "string");
    const char *h = STR(s)->data;
    u32 hn = STR(s)->len, dn = STR(d)->len;
    opa_value *r = opa_array();
    if (dn == 0) {
        u32 i = 0;
        while (i < hn) { u32 st = i; next_cp((const u8 *)h, hn, &i); opa_array_append(r, str_n(h + st, i - st)); }
        return r;
    }
    u32 from = 0;
    for (;;) {
        int at = find(h, hn, STR(d)->data, dn, from);
        if (at < 0) { opa_array_append(r, str_n(h + from, hn - from)); return r; }
        opa_array_append(r, str_n(h + from, (u32)at - from));
        from = (u32)at + dn;
    }
}

/* byte offset of code point index k (or the length when past the end) */
static u32 cp_offset(const char *s, u32 n, i64 k) {
    u32 i = 0;
    while (k > 0 && i < n) { next_cp((const u8 *)s, n, &i); k--; }
    return i;
}

OPA_KEEP opa_value *opa_builtin_substring(opa_value *s, opa_value *start, opa_value *len) {
    OPA_ARG("substring", 1, s, OPA_STRING, "string");
    OPA_ARG("substring", 2, start, OPA_NUMBER, "number");
    OPA_ARG("substring", 3, len, OPA_NUMBER, "number");
    i64 st, ln;
    if (!opa_number_get_int(start, &st)) return opa_int_operand_error("substring", 2);
    if (!opa_number_get_int(len, &ln)) return opa_int_operand_error("substring", 3);
    if (st < 0) return opa_builtin_error("eval_builtin_error", "substring: negative offset");
    const char *h = STR(s)->data;
    u32 n = STR(s)->len;
    u32 b = cp_offset(h, n, st);
    u32 e = ln < 0 ? n : b + cp_offset(h + b, n - b, ln);
    return str_n(h + b, e - b);
}

OPA_KEEP opa_value *opa_builtin_indexof(opa_value *s, opa_value *sub) {
    OPA_ARG("indexof", 1, s, OPA_STRING, "string");
    OPA_ARG("indexof", 2, sub, OPA_STRING, "string");
    if (STR(sub)->len == 0) return opa_builtin_error("eval_builtin_error", "indexof: empty search character");
    int at = find(STR(s)->data, STR(s)->len, STR(sub)->data, STR(sub)->len, 0);
    if (at < 0) return opa_number_int(-1);
    u32 cps = 0, i = 0;
    while (i < (u32)at) { next_cp((const u8 *)STR(s)->data, STR(s)->len, &i); cps++; }
    return opa_number_int(cps);
}

static int in_cutset(u32 cp, const char *cut, u32 cn) {
    u32 i = 0;
    while (i < cn) if (next_cp((const u8 *)cut, cn, &i) == cp) return 1;
    return 0;
}

/* Go's unicode.IsSpace */
static int is_space(u32 cp) {
    switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: return 1;
    }
    return cp >= 0x2000 && cp <= 0x200a;
}

/* first byte after the leading run, or start of the trailing run, of code points matching */
static opa_value *trim_by(opa_value *s, const char *cut, u32 cn, int left, int right, int space) {
    const u8 *h = (const u8 *)STR(s)->data;
    u32 n = STR(s)->len, b = 0, e = n;
    if (left) {
        while (b < n) {
            u32 i = b, cp = next_cp(h, n, &i);
            if (space ? !is_space(cp) : !in_cutset(cp, cut, cn)) break;
            b = i;
        }
    }
    if (right) {
        while (e > b) {
            u32 st = e - 1;
            while (st > b && (h[st] & 0xc0) == 0x80) st--;
            u32 i = st, cp = next_cp(h, n, &i);
            if (space ? !is_space(cp) : !in_cutset(cp, cut, cn)) break;
            e = st;
        }
    }
    return str_n((const char *)h + b, e - b);
}

#define TRIM(name, fname, l, r) \
    OPA_KEEP opa_value *opa_builtin_##name(opa_value *s, opa_value *c) { \
        OPA_ARG(fname, 1, s, OPA_STRING, "string"); \
        OPA_ARG(fname, 2, c, OPA_STRING, "string"); \
        return trim_by(s, STR(c)->data, STR(c)->len, l, r, 0); \
    }
TRIM(trim, "trim", 1, 1)
TRIM(trim_left, "trim_left", 1, 0)
TRIM(trim_right, "trim_right", 0, 1)

OPA_KEEP opa_value *opa_builtin_trim_space(opa_value *s) {
    OPA_ARG("trim_space", 1, s, OPA_STRING, "string");
    return trim_by(s, NULL, 0, 1, 1, 1);
}

OPA_KEEP opa_value *opa_builtin_trim_prefix(opa_value *s, opa_value *p) {
    OPA_ARG("trim_prefix", 1, s, OPA_STRING, "string");
    OPA_ARG("trim_prefix", 2, p, OPA_STRING, "string");
    u32 n = STR(s)->len, m = STR(p)->len;
    if (m <= n && memcmp(STR(s)->data, STR(p)->data, m) == 0) return str_n(STR(s)->data + m, n - m);
    return s;
}

OPA_KEEP opa_value *opa_builtin_trim_suffix(opa_value *s, opa_value *p) {
    OPA_ARG("trim_suffix", 1, s, OPA_STRING, "string");
    OPA_ARG("trim_suffix", 2, p, OPA_STRING, "string");
    u32 n = STR(s)->len, m = STR(p)->len;
    if (m <= n && memcmp(STR(s)->data + n - m, STR(p)->data, m) == 0) return str_n(STR(s)->data, n - m);
    return s;
}

/* "inf", "infinity" or "nan" in any case after any run of signs: Go's ParseFloat reads them, OPA's
 * to_number refuses them as a type error (v1/topdown/casts.go) */
static int names_non_finite(const char *s, u32 n) {
    while (n > 0 && (*s == '+' || *s == '-')) { s++; n--; }
    static const char *const names[] = {"inf", "infinity", "nan"};
    for (u32 k = 0; k < 3; k++) {
        u32 m = (u32)strlen(names[k]), i = 0;
        if (m != n) continue;
        while (i < n && (s[i] | 0x20) == names[k][i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

/* A string OPA's to_number reads (Go's strconv.ParseFloat, decimal form): [+-] then digits with an optional point
 * (".5", "5.", "007"), then an optional exponent. OPA keeps the text as the number; this runtime writes the same
 * value as a JSON number ("+.5" is 0.5, "007" is 7). NULL when the syntax is not Go's. */
static opa_value *go_float_number(const char *s, u32 n) {
    u32 i = 0;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    u32 int_start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    u32 int_end = i, frac_start = i, frac_end = i;
    if (i < n && s[i] == '.') {
        frac_start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        frac_end = i;
    }
    if (int_end == int_start && frac_end == frac_start) return NULL;
    u32 exp_start = i;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        u32 digits = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == digits) return NULL;
    }
    if (i != n) return NULL;
    while (int_start + 1 < int_end && s[int_start] == '0') int_start++;
    opa_buf b;
    buf_init(&b, n + 3);
    if (neg) buf_putc(&b, '-');
    if (int_end > int_start) buf_put(&b, s + int_start, int_end - int_start); else buf_putc(&b, '0');
    if (frac_end > frac_start) { buf_putc(&b, '.'); buf_put(&b, s + frac_start, frac_end - frac_start); }
    buf_put(&b, s + exp_start, n - exp_start);
    return opa_number_ref(b.buf, (i32)b.len);
}

/* 2^1024 - 2^970: from here ParseFloat rounds to infinity, and OPA's to_number fails "value out of range" */
static const char FLOAT64_OVERFLOW[] = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649"
    "017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475"
    "730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

static int beyond_float64(opa_value *v) {
    static const opa_dec limit = {0, FLOAT64_OVERFLOW, (i32)sizeof FLOAT64_OVERFLOW - 1, 309};
    char buf[24];
    opa_dec x;
    opa_number_dec(v, &x, buf);
    x.neg = 0;
    return opa_dec_compare(&x, &limit) >= 0;
}

/* to_number: null -> 0, booleans -> 1/0, numbers as they are, strings as Go's ParseFloat reads decimals
 * (go_float_number) within float64's range; other strings are OPA's "invalid syntax" error */
OPA_KEEP opa_value *opa_builtin_to_number(opa_value *a) {
    if (!a) return NULL;
    switch (a->type) {
    case OPA_NULL: return opa_number_int(0);
    case OPA_BOOLEAN: return opa_number_int(((opa_boolean_t *)a)->b ? 1 : 0);
    case OPA_NUMBER: return a;
    case OPA_STRING: {
        const char *s = STR(a)->data;
        u32 n = STR(a)->len;
        if (names_non_finite(s, n)) return opa_type_error("to_number", 1, "valid number string", a);
        opa_value *number = go_float_number(s, n);
        if (!number)
            return opa_builtin_error("eval_builtin_error", "to_number: strconv.ParseFloat: parsing: invalid syntax");
        if (beyond_float64(number))
            return opa_builtin_error("eval_builtin_error", "to_number: strconv.ParseFloat: parsing: value out of range");
        return number;
    }
    }
    return opa_type_error("to_number", 1, "one of {null, boolean, number, string}", a);
}

OPA_KEEP opa_value *opa_builtin_strings_reverse(opa_value *s) {
    OPA_ARG("strings.reverse", 1, s, OPA_STRING, "string");
    const char *h = STR(s)->data;
    u32 n = STR(s)->len, i = 0;
    char *out = opa_malloc(n + 1);
    while (i < n) {
        u32 st = i;
        next_cp((const u8 *)h, n, &i);
        memcpy(out + n - i, h + st, i - st);
    }
    return str_n(out, n);
}

/* Go's strings.Replace(s, old, new, -1): an empty old inserts new around every code point */
OPA_KEEP opa_value *opa_builtin_replace(opa_value *s, opa_value *old, opa_value *nw) {
    OPA_ARG("replace", 1, s, OPA_STRING, "string");
    OPA_ARG("replace", 2, old, OPA_STRING, "string");
    OPA_ARG("replace", 3, nw, OPA_STRING, "string");
    const char *h = STR(s)->data;
    u32 n = STR(s)->len, on = STR(old)->len;
    opa_buf b;
    buf_init(&b, n + 16);
    if (on == 0) {
        u32 i = 0;
        buf_put(&b, STR(nw)->data, STR(nw)->len);
        while (i < n) {
            u32 st = i;
            next_cp((const u8 *)h, n, &i);
            buf_put(&b, h + st, i - st);
            buf_put(&b, STR(nw)->data, STR(nw)->len);
        }
        return str_n(b.buf, b.len);
    }
    u32 from = 0;
    for (;;) {
        int at = find(h, n, STR(old)->data, on, from);
        if (at < 0) break;
        buf_put(&b, h + from, (u32)at - from);
        buf_put(&b, STR(nw)->data, STR(nw)->len);
        from = (u32)at + on;
    }
    buf_put(&b, h + from, n - from);
    return str_n(b.buf, b.len);
}
