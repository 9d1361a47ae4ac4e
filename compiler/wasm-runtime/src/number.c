/* Numbers: int64 when the value is an integer that fits, otherwise the decimal text itself, so
 * big integers and decimals round-trip exactly. Comparison works on the canonical decimal form. */
#include "opa.h"

/* length of the JSON number at the start of s[0..len), 0 if there is none */
i32 opa_number_syntax(const char *s, u32 len) {
    u32 i = 0;
    if (i < len && s[i] == '-') i++;
    if (i >= len) return 0;
    if (s[i] == '0') i++;
    else if (s[i] >= '1' && s[i] <= '9') { while (i < len && s[i] >= '0' && s[i] <= '9') i++; }
    else return 0;
    if (i < len && s[i] == '.') {
        u32 j = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == j) return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        u32 j = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == j) return 0;
    }
    return (i32)i;
}

static u32 u64_digits(u64 x, char *buf) {
    char tmp[24];
    u32 n = 0;
    do { tmp[n++] = (char)('0' + x % 10); x /= 10; } while (x);
    for (u32 i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

i32 opa_number_text(opa_value *v, char *buf, const char **out) {
    if (v->flags & F_REF) { *out = NUM(v)->v.ref; return (i32)NUM(v)->len; }
    i64 i = NUM(v)->v.i;
    u32 n = 0;
    u64 m = (u64)i;
    if (i < 0) { buf[n++] = '-'; m = (u64)0 - m; }
    n += u64_digits(m, buf + n);
    *out = buf;
    return (i32)n;
}

static inline i32 dec_digit(const opa_dec *d, i32 i) { return d->d[i] - '0'; }

void opa_number_dec(opa_value *v, opa_dec *out, char *buf) {
    if (!(v->flags & F_REF)) {
        i64 i = NUM(v)->v.i;
        u64 m = (u64)i;
        out->neg = i < 0;
        if (i < 0) m = (u64)0 - m;
        if (m == 0) { out->n = 0; out->exp = 0; out->d = buf; return; }
        u32 n = u64_digits(m, buf);
        out->exp = (i32)n;
        while (n > 0 && buf[n - 1] == '0') n--;
        out->d = buf;
        out->n = (i32)n;
        return;
    }
    /* text: copy significant digits (skipping the '.') into buf when they fit, else point into the text */
    const char *s = NUM(v)->v.ref;
    u32 len = NUM(v)->len, i = 0;
    out->neg = s[0] == '-';
    if (out->neg) i++;
    u32 ib = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    u32 ie = i, fb = i, fe = i;
    if (i < len && s[i] == '.') { fb = ++i; while (i < len && s[i] >= '0' && s[i] <= '9') i++; fe = i; }
    i64 e = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (s[i] == '+' || s[i] == '-') { eneg = s[i] == '-'; i++; }
        while (i < len) { if (e < 1000000000) e = e * 10 + (s[i] - '0'); i++; }
        if (eneg) e = -e;
    }
    /* first and last significant digit positions */
    u32 first = ib;
    while (first < ie && s[first] == '0') first++;
    i64 exp;
    if (first < ie) exp = (i64)(ie - first);
    else {
        first = fb;
        while (first < fe && s[first] == '0') first++;
        if (first == fe) { out->n = 0; out->exp = 0; out->d = buf; out->neg = 0; return; }
        exp = -(i64)(first - fb);
    }
    u32 last = fe > fb ? fe : ie; /* one past */
    while (last > first && (s[last - 1] == '0' || s[last - 1] == '.')) last--;
    exp += e;
    if (exp > 1000000000) exp = 1000000000;
    if (exp < -1000000000) exp = -1000000000;
    out->exp = (i32)exp;
    /* digits are contiguous unless they straddle the '.' */
    if (!(first < ie && last > fb)) { out->d = s + first; out->n = (i32)(last - first); return; }
    u32 n = 0;
    char *dst = buf;
    u32 total = (ie - first) + (last - fb);
    if (total > 23) dst = opa_malloc(total);
    for (u32 k = first; k < ie; k++) dst[n++] = s[k];
    for (u32 k = fb; k < last; k++) dst[n++] = s[k];
    out->d = dst;
    out->n = (i32)n;
}

i32 opa_dec_compare(const opa_dec *a, const opa_dec *b) {
    i32 sa = a->n == 0 ? 0 : a->neg ? -1 : 1;
    i32 sb = b->n == 0 ? 0 : b->neg ? -1 : 1;
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    i32 mag;
    if (a->exp != b->exp) mag = a->exp < b->exp ? -1 : 1;
    else {
        i32 n = a->n < b->n ? a->n : b->n;
        mag = 0;
        for (i32 i = 0; i < n && !mag; i++) {
            i32 x = dec_digit(a, i), y = dec_digit(b, i);
            if (x != y) mag = x < y ? -1 : 1;
        }
        if (!mag && a->n != b->n) mag = a->n < b->n ? -1 : 1;
    }
    return sa < 0 ? -mag : mag;
}

i32 opa_dec_get_int(const opa_dec *d, i64 *out) {
    if (d->n == 0) { *out = 0; return 1; }
    if (d->exp < d->n || d->exp > 19) return 0;
    u64 acc = 0;
    for (i32 i = 0; i < d->exp; i++) {
        u32 dig = i < d->n ? (u32)dec_digit(d, i) : 0;
        if (acc > (18446744073709551615ull - dig) / 10) return 0;
        acc = acc * 10 + dig;
    }
    if (d->neg ? acc > 9223372036854775808ull : acc > 9223372036854775807ull) return 0;
    *out = d->neg ? (i64)((u64)0 - acc) : (i64)acc;
    return 1;
}

i32 opa_number_get_int(opa_value *v, i64 *out) {
    if (!v || v->type != OPA_NUMBER) return 0;
    if (!(v->flags & F_REF)) { *out = NUM(v)->v.i; return 1; }
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    return opa_dec_get_int(&d, out);
}

OPA_EXPORT(opa_number_to_i64) i64 opa_number_to_i64(opa_value *v) {
    i64 i;
    return opa_number_get_int(v, &i) ? i : 0;
}

/* integer in value, whatever its size (OPA's "integer number", e.g. for bits.* and numbers.range) */
OPA_EXPORT(opa_value_is_integer) i32 opa_value_is_integer(opa_value *v) {
    if (!v || v->type != OPA_NUMBER) return 0;
    if (!(v->flags & F_REF)) return 1;
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    return d.n == 0 || d.exp >= d.n;
}

/* number from a canonical decimal, printed the way OPA prints big.Float results:
 * integers in full ('f'), others shortest 'g' (exponent form below 1e-4 or from 1e6) */
opa_value *opa_number_from_dec(const opa_dec *d) {
    i64 iv;
    if (opa_dec_get_int(d, &iv)) return opa_number_int(iv);
    opa_buf b;
    i32 n = d->n, exp = d->exp;
    buf_init(&b, (u32)n + 32);
    if (d->neg) buf_putc(&b, '-');
    if (exp >= n) {
        /* big integer */
        buf_put(&b, d->d, (u32)n);
        if (exp - n > 100000) opa_abort("number too large");
        for (i32 i = n; i < exp; i++) buf_putc(&b, '0');
    } else {
        i32 x = exp - 1;
        if (x < -4 || x >= 6) {
            buf_putc(&b, d->d[0]);
            if (n > 1) { buf_putc(&b, '.'); buf_put(&b, d->d + 1, (u32)n - 1); }
            buf_putc(&b, 'e');
            buf_putc(&b, x < 0 ? '-' : '+');
            i32 ax = x < 0 ? -x : x;
            if (ax < 10) buf_putc(&b, '0');
            buf_put_i64(&b, ax);
        } else if (exp <= 0) {
            buf_put(&b, "0.", 2);
            for (i32 i = 0; i < -exp; i++) buf_putc(&b, '0');
            buf_put(&b, d->d, (u32)n);
        } else {
            buf_put(&b, d->d, (u32)exp);
            buf_putc(&b, '.');
            buf_put(&b, d->d + exp, (u32)(n - exp));
        }
    }
    return opa_number_ref(b.buf, (i32)b.len);
}
