/* Exact decimal arithmetic on numbers that are not small integers (big integers, decimals).
 * Digits are held most significant first; value = (-1)^neg * 0.d[0..n) * 10^exp. */
#include "opa.h"
#include "decimal.h"

void dec_from_value(opa_value *v, bigdec *b) {
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    b->neg = d.neg;
    b->n = d.n;
    b->exp = d.exp;
    b->d = opa_malloc((u32)d.n + 1);
    for (i32 i = 0; i < d.n; i++) b->d[i] = (u8)(d.d[i] - '0');
}

opa_value *dec_to_value(bigdec *b) {
    i32 s = 0, e = b->n;
    while (s < e && b->d[s] == 0) s++;
    while (e > s && b->d[e - 1] == 0) e--;
    opa_dec d;
    char *txt = opa_malloc((u32)(e - s) + 1);
    for (i32 i = s; i < e; i++) txt[i - s] = (char)('0' + b->d[i]);
    d.neg = e > s ? b->neg : 0;
    d.d = txt;
    d.n = e - s;
    d.exp = b->exp - s;
    return opa_number_from_dec(&d);
}

static i32 mag_cmp(const bigdec *a, const bigdec *b) {
    if (a->n == 0 || b->n == 0) return (a->n != 0) - (b->n != 0);
    if (a->exp != b->exp) return a->exp < b->exp ? -1 : 1;
    i32 n = a->n < b->n ? a->n : b->n;
    for (i32 i = 0; i < n; i++) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return a->n < b->n ? -1 : a->n > b->n ? 1 : 0;
}

static inline u32 digit_at(const bigdec *a, i32 w) { /* digit of weight 10^w */
    i32 i = a->exp - 1 - w;
    return i >= 0 && i < a->n ? a->d[i] : 0;
}

/* |a| + |b| or |a| - |b| (|a| >= |b|) with the given sign */
static void mag_addsub(const bigdec *a, const bigdec *b, int sub, int neg, bigdec *r) {
    i32 lo = a->exp - a->n, lob = b->exp - b->n;
    if (b->n && lob < lo) lo = lob;
    i32 hi = a->exp > b->exp || !b->n ? a->exp : b->exp;
    hi += 1;
    i32 L = hi - lo;
    if (L > 20000) opa_abort("number too large");
    u8 *d = opa_malloc((u32)L);
    i32 carry = 0;
    for (i32 k = L - 1; k >= 0; k--) {
        i32 w = hi - 1 - k;
        i32 x = (i32)digit_at(a, w) + (sub ? -(i32)digit_at(b, w) : (i32)digit_at(b, w)) + carry;
        if (x < 0) { x += 10; carry = -1; } else if (x >= 10) { x -= 10; carry = 1; } else carry = 0;
        d[k] = (u8)x;
    }
    r->d = d; r->n = L; r->exp = hi; r->neg = neg;
}

void dec_add(const bigdec *a, const bigdec *b, int negate_b, bigdec *r) {
    int bneg = b->n ? (b->neg ^ negate_b) : 0;
    if (a->n == 0) { *r = *b; r->neg = bneg; return; }
    if (b->n == 0) { *r = *a; return; }
    if (a->neg == bneg) { mag_addsub(a, b, 0, a->neg, r); return; }
    i32 c = mag_cmp(a, b);
    if (c == 0) { r->n = 0; r->exp = 0; r->neg = 0; r->d = NULL; return; }
    if (c > 0) mag_addsub(a, b, 1, a->neg, r);
    else mag_addsub(b, a, 1, bneg, r);
}

void dec_mul(const bigdec *a, const bigdec *b, bigdec *r) {
    if (a->n == 0 || b->n == 0) { r->n = 0; r->exp = 0; r->neg = 0; r->d = NULL; return; }
    if ((i64)a->n * b->n > 4000000) opa_abort("number too large");
    i32 L = a->n + b->n;
    u32 *acc = opa_malloc((u32)L * 4);
    memset(acc, 0, (u32)L * 4);
    for (i32 i = a->n - 1; i >= 0; i--)
        for (i32 j = b->n - 1; j >= 0; j--) acc[i + j + 1] += (u32)a->d[i] * b->d[j];
    u8 *d = opa_malloc((u32)L);
    u32 carry = 0;
    for (i32 k = L - 1; k >= 0; k--) { u32 x = acc[k] + carry; d[k] = (u8)(x % 10); carry = x / 10; }
    r->d = d; r->n = L; r->exp = a->exp + b->exp; r->neg = a->neg ^ b->neg;
}

/* integer part (truncated toward zero); *frac set when a fraction was dropped */
void dec_trunc(const bigdec *a, bigdec *r, int *frac) {
    *r = *a;
    *frac = 0;
    if (a->exp >= a->n) return;
    for (i32 i = a->exp < 0 ? 0 : a->exp; i < a->n; i++) if (a->d[i]) *frac = 1;
    if (a->exp <= 0) { r->n = 0; r->exp = 0; r->neg = 0; return; }
    r->n = a->exp;
}

/* first fractional digit (for rounding half away from zero) */
u32 dec_first_frac_digit(const bigdec *a) {
    i32 i = a->exp;
    if (i < 0) return 0;
    return i < a->n ? a->d[i] : 0;
}

void dec_one(bigdec *r, int neg) {
    static u8 one = 1;
    r->d = &one; r->n = 1; r->exp = 1; r->neg = neg;
}

/* Remainder of integers a and b (b != 0), with a's sign: Go's big.Int Rem, which OPA's rem uses
 * (v1/topdown/arithmetic.go arithRem). Schoolbook: r = r * 10 + next digit of |a|, minus |b| while r >= |b|. */
void dec_rem_int(const bigdec *a, const bigdec *b, bigdec *r) {
    i32 w = (b->exp > 0 ? b->exp : 0) + 1; /* r < 10 * |b| fits in w digits */
    u8 *y = opa_malloc((u32)w), *rd = opa_malloc((u32)w);
    for (i32 i = 0; i < w; i++) {
        i32 j = i - (w - b->exp); /* |b| right-aligned in w digits */
        y[i] = (u8)(j >= 0 && j < b->n ? b->d[j] : 0);
        rd[i] = 0;
    }
    for (i32 k = 0; k < a->exp; k++) {
        for (i32 i = 0; i + 1 < w; i++) rd[i] = rd[i + 1];
        rd[w - 1] = (u8)(k < a->n ? a->d[k] : 0);
        for (;;) {
            i32 c = 0;
            for (i32 i = 0; i < w && c == 0; i++) c = (rd[i] > y[i]) - (rd[i] < y[i]);
            if (c < 0) break;
            i32 borrow = 0;
            for (i32 i = w - 1; i >= 0; i--) {
                i32 v = rd[i] - y[i] - borrow;
                borrow = v < 0;
                rd[i] = (u8)(v < 0 ? v + 10 : v);
            }
        }
    }
    r->neg = a->neg;
    r->d = rd;
    r->n = w;
    r->exp = w;
}
