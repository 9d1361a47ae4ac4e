/* Arithmetic on numbers that are not both integers, as OPA's Go evaluator does it (v1/topdown/arithmetic.go):
 * each operand becomes a big.Float of 64-bit mantissa (builtins.NumberToFloat: SetString rounds to nearest even at
 * the default precision, 64), the operation rounds its exact result the same way, and the result is printed by
 * builtins.FloatToNumber: the shortest decimal that Go's math/big (ftoa.go, roundShortest) finds between the value's
 * half-ulp bounds, written in full when the value is an integer (Text('f', -1)), else as Text('g', -1), in exponent
 * form below 1e-4 and from 1e6. So 1.1 + 2.2 is 3.3000000000000000002 and 1 / 3 is 0.33333333333333333334, as OPA
 * answers, not the exact decimal.
 * Conversions go through exact decimals (decimal.c): m * 2^e always has a finite decimal expansion. */
#include "opa.h"
#include "decimal.h"
#include "binfloat.h"

static const u64 TOP = 1ull << 63;

/* x *= f for f < 2^28, digits added on the left */
static void dec_mul_small(bigdec *x, u32 f) {
    i32 room = x->n + 10;
    u8 *d = opa_malloc((u32)room);
    u64 carry = 0;
    i32 k = room;
    for (i32 i = x->n - 1; i >= 0; i--) {
        u64 v = (u64)x->d[i] * f + carry;
        d[--k] = (u8)(v % 10);
        carry = v / 10;
    }
    while (carry) { d[--k] = (u8)(carry % 10); carry /= 10; }
    i32 n = room - k;
    x->exp += n - x->n;
    x->d = d + k;
    x->n = n;
}

/* x *= base^k, base 2 or 5 */
static void dec_mul_pow(bigdec *x, u32 base, i32 k) {
    u32 chunk = base == 2 ? 1u << 27 : 48828125u; /* 2^27 or 5^11: both below 2^28 */
    i32 per = base == 2 ? 27 : 11;
    if (x->n > 0 && k > 0 && (i64)k * (base == 2 ? 3 : 7) / 10 + x->n > 20000) opa_abort("number too large");
    for (; k >= per; k -= per) dec_mul_small(x, chunk);
    u32 rest = 1;
    while (k-- > 0) rest *= base;
    if (rest > 1) dec_mul_small(x, rest);
}

static void dec_of_u64(u64 v, bigdec *r) {
    u8 *d = opa_malloc(20);
    i32 n = 0;
    char tmp[20];
    while (v) { tmp[n++] = (char)(v % 10); v /= 10; }
    for (i32 i = 0; i < n; i++) d[i] = (u8)tmp[n - 1 - i];
    r->d = d; r->n = n; r->exp = n; r->neg = 0;
}

/* x's integer part when below 2^64 (*ok), its first fraction digit and whether any digit after that is nonzero */
static u64 int_part(const bigdec *x, int *ok, u32 *first, int *rest) {
    u64 v = 0;
    *ok = 1;
    i32 lead = 0; /* leading zero digits, which products and sums may have */
    while (lead < x->n && lead < x->exp && x->d[lead] == 0) lead++;
    if (x->exp - lead > 20) { *ok = 0; return 0; }
    for (i32 i = lead; i < x->exp; i++) {
        u64 dg = i < x->n ? x->d[i] : 0;
        if (v > (~0ull - dg) / 10) { *ok = 0; return 0; }
        v = v * 10 + dg;
    }
    i32 f = x->exp; /* index of the first fraction digit, negative while leading zeros remain */
    *first = f >= 0 && f < x->n ? x->d[f] : 0;
    *rest = 0;
    for (i32 i = f + 1 > 0 ? f + 1 : 0; i < x->n; i++) if (x->d[i]) { *rest = 1; break; }
    return v;
}

void bf_from_dec(const bigdec *x, bf *r) {
    r->neg = x->neg;
    i32 f = 0;
    while (f < x->n && x->d[f] == 0) f++;
    if (f == x->n) { r->zero = 1; r->m = 0; r->e = 0; return; }
    r->zero = 0;
    /* 2^e near x / 2^63: the leading digit's weight in bits, corrected below */
    i32 e10 = x->exp - 1 - f;
    double est = (double)e10 * 3.321928094887362 + (x->d[f] >= 8 ? 3 : x->d[f] >= 4 ? 2 : x->d[f] >= 2 ? 1 : 0);
    i32 e = (i32)est - (est < 0 && (double)(i32)est != est) - 63;
    for (;;) {
        bigdec y = *x;
        y.neg = 0;
        if (e < 0) dec_mul_pow(&y, 2, -e);
        else { dec_mul_pow(&y, 5, e); y.exp -= e; }
        int ok, rest;
        u32 first;
        u64 m = int_part(&y, &ok, &first, &rest);
        if (!ok) { e++; continue; }
        if (m < TOP) { e--; continue; }
        if (first > 5 || (first == 5 && (rest || (m & 1)))) {
            if (++m == 0) { m = TOP; e++; }
        }
        r->m = m;
        r->e = e;
        return;
    }
}

void bf_to_dec(const bf *a, bigdec *r) {
    if (a->zero) { r->n = 0; r->exp = 0; r->d = NULL; r->neg = a->neg; return; }
    dec_of_u64(a->m, r);
    if (a->e >= 0) dec_mul_pow(r, 2, a->e);
    else { dec_mul_pow(r, 5, -a->e); r->exp += a->e; }
    r->neg = a->neg;
}

void bf_of_value(opa_value *v, bf *r) {
    bigdec x;
    dec_from_value(v, &x);
    bf_from_dec(&x, r);
}

/* a + b, or a - b: the exact sum rounded; a zero sum is -0 only from -0 + -0 (ToNearestEven) */
void bf_add(const bf *a, const bf *b, int negate_b, bf *r) {
    int bneg = b->neg ^ negate_b;
    if (a->zero && b->zero) { *r = *a; r->neg = a->neg && bneg; return; }
    bigdec x, y, s;
    bf_to_dec(a, &x);
    bf_to_dec(b, &y);
    dec_add(&x, &y, negate_b, &s);
    bf_from_dec(&s, r);
    if (r->zero) r->neg = 0;
}

void bf_mul(const bf *a, const bf *b, bf *r) {
    int neg = a->neg ^ b->neg;
    if (a->zero || b->zero) { r->zero = 1; r->m = 0; r->e = 0; r->neg = neg; return; }
    bigdec x, y, p;
    bf_to_dec(a, &x);
    bf_to_dec(b, &y);
    dec_mul(&x, &y, &p);
    bf_from_dec(&p, r);
    r->neg = neg;
}

/* a / b, b not zero: 65 quotient bits of a.m * 2^64 / b.m by long division, the remainder as the sticky bit */
void bf_quo(const bf *a, const bf *b, bf *r) {
    r->neg = a->neg ^ b->neg;
    if (a->zero) { r->zero = 1; r->m = 0; r->e = 0; return; }
    r->zero = 0;
    u64 rem = a->m, q = 0;
    int high = rem >= b->m;
    if (high) rem -= b->m;
    for (int i = 0; i < 64; i++) {
        int carry = (rem & TOP) != 0;
        rem <<= 1;
        q <<= 1;
        if (carry || rem >= b->m) { rem -= b->m; q |= 1; }
    }
    i32 e = a->e - b->e - 64;
    u64 m;
    int up;
    if (high) { /* 65 bits: the last one is the rounding bit */
        m = TOP | (q >> 1);
        e++;
        up = (q & 1) && (rem != 0 || (m & 1));
    } else { /* 64 bits: compare the remainder with half the divisor */
        m = q;
        int half = (rem & TOP) ? 1 : ((rem << 1) > b->m) - ((rem << 1) < b->m);
        up = half > 0 || (half == 0 && (m & 1));
    }
    if (up && ++m == 0) { m = TOP; e++; }
    r->m = m;
    r->e = e;
}

/* digits without leading or trailing zeros, as '0'-'9', and the decimal point's position (Go's decimal) */
typedef struct { char *d; i32 n; i32 exp; } digits;

static void digits_of(const bigdec *x, digits *r) {
    i32 s = 0, e = x->n;
    while (s < e && x->d[s] == 0) s++;
    while (e > s && x->d[e - 1] == 0) e--;
    r->d = opa_malloc((u32)(e - s) + 1);
    for (i32 i = s; i < e; i++) r->d[i - s] = (char)('0' + x->d[i]);
    r->n = e - s;
    r->exp = r->n ? x->exp - s : 0;
}

static char digit_at(const digits *x, i32 i) { return i >= 0 && i < x->n ? x->d[i] : '0'; }

static void trim(digits *x) {
    while (x->n > 0 && x->d[x->n - 1] == '0') x->n--;
    if (x->n == 0) x->exp = 0;
}

static void round_down(digits *x, i32 n) {
    if (n < 0 || n >= x->n) return;
    x->n = n;
    trim(x);
}

static void round_up(digits *x, i32 n) {
    if (n < 0 || n >= x->n) return;
    while (n > 0 && x->d[n - 1] >= '9') n--;
    if (n == 0) { x->d[0] = '1'; x->n = 1; x->exp++; return; }
    x->d[n - 1]++;
    x->n = n;
}

static void round_nearest(digits *x, i32 n) {
    if (n < 0 || n >= x->n) return;
    int up = x->d[n] == '5' && n + 1 == x->n ? n > 0 && ((x->d[n - 1] - '0') & 1) : x->d[n] >= '5';
    if (up) round_up(x, n); else round_down(x, n);
}

/* (2m + delta) * 2^(e-1): the value's bound half an ulp below (-1) or above (+1) */
static void half_ulp_bound(const bf *a, int delta, digits *r) {
    bigdec x, one, t;
    dec_of_u64(a->m, &x);
    dec_mul_small(&x, 2);
    dec_one(&one, 0);
    dec_add(&x, &one, delta < 0, &t);
    if (a->e - 1 >= 0) dec_mul_pow(&t, 2, a->e - 1);
    else { dec_mul_pow(&t, 5, 1 - a->e); t.exp += a->e - 1; }
    digits_of(&t, r);
}

opa_value *bf_to_number(const bf *a) {
    opa_buf b;
    if (a->zero) {
        buf_init(&b, 2);
        if (a->neg) buf_putc(&b, '-');
        buf_putc(&b, '0');
        return opa_number_ref(b.buf, (i32)b.len);
    }
    bigdec exact;
    bf_to_dec(a, &exact);
    digits d, lower, upper;
    digits_of(&exact, &d);
    half_ulp_bound(a, -1, &lower);
    half_ulp_bound(a, +1, &upper);
    int inclusive = (a->m & 1) == 0; /* a bound rounds back to an even mantissa */
    for (i32 i = 0; i < d.n; i++) {
        char l = digit_at(&lower, i), m = d.d[i], u = digit_at(&upper, i);
        int okdown = l != m || (inclusive && i + 1 == lower.n);
        int okup = m != u && (inclusive || m + 1 < u || i + 1 < upper.n);
        if (okdown && okup) { round_nearest(&d, i + 1); break; }
        if (okdown) { round_down(&d, i + 1); break; }
        if (okup) { round_up(&d, i + 1); break; }
    }
    buf_init(&b, (u32)(d.n + (d.exp > 0 ? d.exp : 0)) + 32);
    if (a->neg) buf_putc(&b, '-');
    /* FloatToNumber: an integer in full (Text('f', -1)), anything else as Text('g', -1) */
    int integer = a->e >= 0 || (a->e > -64 && (a->m & ((1ull << -a->e) - 1)) == 0);
    i32 x = d.exp - 1;
    if (!integer && (x < -4 || x >= 6)) {
        buf_putc(&b, d.d[0]);
        if (d.n > 1) { buf_putc(&b, '.'); buf_put(&b, d.d + 1, (u32)d.n - 1); }
        buf_putc(&b, 'e');
        buf_putc(&b, x < 0 ? '-' : '+');
        i32 ax = x < 0 ? -x : x;
        if (ax < 10) buf_putc(&b, '0');
        buf_put_i64(&b, ax);
    } else {
        if (d.exp > 0) {
            for (i32 i = 0; i < d.exp; i++) buf_putc(&b, digit_at(&d, i));
        } else {
            buf_putc(&b, '0');
        }
        i32 frac = d.n - d.exp;
        if (frac > 0) {
            buf_putc(&b, '.');
            for (i32 i = 0; i < frac; i++) buf_putc(&b, digit_at(&d, d.exp + i));
        }
    }
    return opa_number_ref(b.buf, (i32)b.len);
}
