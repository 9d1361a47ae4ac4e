/* Arithmetic on numbers that are not both integers, as OPA's Go evaluator does it (v1/topdown/arithmetic.go):
 * each operand becomes a big.Float of 64-bit mantissa (builtins.NumberToFloat: SetString rounds to nearest even at
 * the default precision, 64), the operation rounds its exact result the same way, and the result is printed by
 * builtins.FloatToNumber: the shortest decimal that Go's math/big (ftoa.go, roundShortest) finds between the value's
 * half-ulp bounds, written in full when the value is an integer (Text('f', -1)), else as Text('g', -1), in exponent
 * form below 1e-4 and from 1e6. So 1.1 + 2.2 is 3.3000000000000000002 and 1 / 3 is 0.33333333333333333334, as OPA
 * answers, not the exact decimal.
 * Conversions are exact, on binary integers of at most BN_LIMBS 32-bit limbs: a decimal D * 10^E is D * 5^E * 2^E,
 * and m * 2^e for e < 0 is m * 5^-e * 10^e. */
#include "opa.h"
#include "binfloat.h"

static const u64 TOP = 1ull << 63;

/* 4096 bits: 5^1466 * 2^66, the widest value a number within BF_MAX_EXP needs */
#define BN_LIMBS 128
typedef struct { i32 n; u32 w[BN_LIMBS]; } bn; /* little endian, no zero limb on top */

static void bn_trim(bn *a) { while (a->n > 0 && a->w[a->n - 1] == 0) a->n--; }

static void bn_push(bn *a, u32 limb) {
    if (a->n == BN_LIMBS) opa_abort("number too large");
    a->w[a->n++] = limb;
}

static void bn_u64(bn *a, u64 v) {
    a->n = 0;
    while (v) { bn_push(a, (u32)v); v >>= 32; }
}

/* a = a * f + add */
static void bn_mul_add(bn *a, u32 f, u32 add) {
    u64 carry = add;
    for (i32 i = 0; i < a->n; i++) {
        u64 t = (u64)a->w[i] * f + carry;
        a->w[i] = (u32)t;
        carry = t >> 32;
    }
    if (carry) bn_push(a, (u32)carry);
}

/* a = a / d, returns the remainder */
static u32 bn_divmod(bn *a, u32 d) {
    u64 r = 0;
    for (i32 i = a->n - 1; i >= 0; i--) {
        u64 t = r << 32 | a->w[i];
        a->w[i] = (u32)(t / d);
        r = t % d;
    }
    bn_trim(a);
    return (u32)r;
}

static void bn_mul_pow5(bn *a, i32 k) {
    for (; k >= 13; k -= 13) bn_mul_add(a, 1220703125u, 0); /* 5^13 */
    u32 f = 1;
    while (k-- > 0) f *= 5;
    if (f > 1) bn_mul_add(a, f, 0);
}

static i32 bn_bits(const bn *a) { return a->n ? (a->n - 1) * 32 + 32 - __builtin_clz(a->w[a->n - 1]) : 0; }

static int bn_bit(const bn *a, i32 i) { return i / 32 < a->n && (a->w[i / 32] >> (i % 32) & 1); }

static void bn_shl(bn *a, i32 s) {
    if (!a->n || !s) return;
    i32 limbs = s / 32, bits = s % 32, n = a->n + limbs + 1;
    if (n > BN_LIMBS) opa_abort("number too large");
    for (i32 i = n - 1; i >= 0; i--) {
        i32 j = i - limbs;
        u32 hi = j >= 0 && j < a->n ? a->w[j] : 0, lo = j - 1 >= 0 && j - 1 < a->n ? a->w[j - 1] : 0;
        a->w[i] = bits ? hi << bits | lo >> (32 - bits) : hi;
    }
    a->n = n;
    bn_trim(a);
}

static int bn_cmp(const bn *a, const bn *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (i32 i = a->n - 1; i >= 0; i--) if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void bn_add(bn *a, const bn *b) {
    u64 carry = 0;
    for (i32 i = 0; i < a->n || i < b->n; i++) {
        u64 t = (u64)(i < a->n ? a->w[i] : 0) + (i < b->n ? b->w[i] : 0) + carry;
        if (i < a->n) a->w[i] = (u32)t; else bn_push(a, (u32)t);
        carry = t >> 32;
    }
    if (carry) bn_push(a, (u32)carry);
}

/* a = a - b, a >= b */
static void bn_sub(bn *a, const bn *b) {
    i64 borrow = 0;
    for (i32 i = 0; i < a->n; i++) {
        i64 t = (i64)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        borrow = t < 0;
        a->w[i] = (u32)(t + (borrow << 32));
    }
    bn_trim(a);
}

/* the value n * 2^e, plus a sticky bit for anything below n, rounded to 64 bits, nearest even */
static void bf_round(const bn *n, i32 e, int sticky, int neg, bf *r) {
    r->neg = neg;
    i32 t = bn_bits(n);
    if (t == 0) { r->zero = 1; r->m = 0; r->e = 0; return; }
    r->zero = 0;
    u64 m = 0;
    i32 lo = t - 64; /* the lowest bit kept */
    for (i32 i = 63; i >= 0; i--) m = m << 1 | (u64)(lo + i >= 0 && bn_bit(n, lo + i));
    e += lo;
    if (lo > 0) {
        int half = bn_bit(n, lo - 1);
        for (i32 i = 0; i < lo - 1 && !sticky; i++) sticky = bn_bit(n, i);
        if (half && (sticky || (m & 1))) {
            if (++m == 0) { m = TOP; e++; }
        }
    }
    r->m = m;
    r->e = e;
}

/* an integer below 2^64, exactly */
static void bf_of_u64(u64 v, bf *r) {
    r->neg = 0;
    r->zero = v == 0;
    r->e = 0;
    if (v) while (!(v & TOP)) { v <<= 1; r->e--; }
    r->m = v;
}

int bf_of_value(opa_value *v, bf *r) {
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    if (d.n > BF_MAX_DIGITS || (d.n > 0 && (d.exp > BF_MAX_DIGITS || d.exp < -BF_MAX_DIGITS))) return 0;
    i32 e10 = d.exp - d.n; /* the value is n * 10^e10 = n * 5^e10 * 2^e10 */
    if (d.n <= 19 && e10 >= -27 && e10 <= 27) { /* n and 5^|e10| fit in 64 bits: one rounded operation */
        u64 n = 0, p = 1;
        for (i32 i = 0; i < d.n; i++) n = n * 10 + (u64)(d.d[i] - '0');
        for (i32 k = e10 < 0 ? -e10 : e10; k > 0; k--) p *= 5;
        bf x, y;
        bf_of_u64(n, &x);
        bf_of_u64(p, &y);
        if (e10 >= 0) bf_mul(&x, &y, r); else bf_quo(&x, &y, r);
        if (!r->zero) r->e += e10;
        r->neg = d.neg;
        return 1;
    }
    bn n;
    n.n = 0;
    for (i32 i = 0; i < d.n; i++) bn_mul_add(&n, 10, (u32)(d.d[i] - '0'));
    if (e10 >= 0) {
        bn_mul_pow5(&n, e10);
        bf_round(&n, e10, 0, d.neg, r);
        return 1;
    }
    /* n / 5^k * 2^-k: long division of n * 2^s, with s large enough for 66 quotient bits */
    bn p;
    bn_u64(&p, 1);
    bn_mul_pow5(&p, -e10);
    i32 s = bn_bits(&p) - bn_bits(&n) + 66;
    if (s < 0) s = 0;
    bn_shl(&n, s);
    bn q, rem;
    q.n = (bn_bits(&n) + 31) / 32;
    for (i32 i = 0; i < q.n; i++) q.w[i] = 0;
    rem.n = 0;
    for (i32 i = bn_bits(&n) - 1; i >= 0; i--) {
        bn_shl(&rem, 1);
        if (bn_bit(&n, i)) { if (rem.n == 0) bn_push(&rem, 1); else rem.w[0] |= 1; }
        if (bn_cmp(&rem, &p) >= 0) { bn_sub(&rem, &p); q.w[i / 32] |= 1u << (i % 32); }
    }
    bn_trim(&q);
    bf_round(&q, e10 - s, rem.n != 0, d.neg, r);
    return 1;
}

/* a + b, or a - b: the exact sum rounded; a zero sum is -0 only from -0 + -0 (ToNearestEven) */
void bf_add(const bf *a, const bf *b, int negate_b, bf *r) {
    bf y = *b;
    y.neg ^= negate_b;
    if (a->zero || y.zero) {
        if (a->zero && y.zero) { *r = *a; r->neg = a->neg && y.neg; }
        else *r = a->zero ? y : *a;
        return;
    }
    const bf *hi = a->e >= y.e ? a : &y, *lo = a->e >= y.e ? &y : a;
    i32 d = hi->e - lo->e;
    if (d > 130) { *r = *hi; return; } /* lo is below a quarter of hi's ulp */
    bn x, z;
    bn_u64(&x, hi->m);
    bn_shl(&x, d);
    bn_u64(&z, lo->m);
    int neg = hi->neg;
    if (hi->neg == lo->neg) bn_add(&x, &z);
    else if (bn_cmp(&x, &z) >= 0) bn_sub(&x, &z);
    else { bn_sub(&z, &x); x = z; neg = lo->neg; }
    bf_round(&x, lo->e, 0, neg, r);
    if (r->zero) r->neg = 0;
}

void bf_mul(const bf *a, const bf *b, bf *r) {
    int neg = a->neg ^ b->neg;
    if (a->zero || b->zero) { r->zero = 1; r->m = 0; r->e = 0; r->neg = neg; return; }
    u64 al = a->m & 0xFFFFFFFFu, ah = a->m >> 32, bl = b->m & 0xFFFFFFFFu, bh = b->m >> 32;
    u64 p0 = al * bl, p1 = al * bh, p2 = ah * bl, p3 = ah * bh;
    u64 mid = (p0 >> 32) + (p1 & 0xFFFFFFFFu) + (p2 & 0xFFFFFFFFu);
    bn p;
    p.n = 4;
    p.w[0] = (u32)p0;
    p.w[1] = (u32)mid;
    u64 high = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    p.w[2] = (u32)high;
    p.w[3] = (u32)(high >> 32);
    bn_trim(&p);
    bf_round(&p, a->e + b->e, 0, neg, r);
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

int bf_in_range(const bf *a) { return a->zero || (a->e <= BF_MAX_EXP && a->e >= -BF_MAX_EXP); }

/* digits without leading or trailing zeros, as '0'-'9', and the decimal point's position (Go's decimal) */
typedef struct { char *d; i32 n; i32 exp; } digits;

static void trim(digits *x) {
    while (x->n > 0 && x->d[x->n - 1] == '0') x->n--;
    if (x->n == 0) x->exp = 0;
}

/* the decimal digits of (2m + delta) * 2^(e-1): the value (delta 0) or its bound half an ulp below or above */
static void half_ulp_digits(const bf *a, int delta, digits *r) {
    bn x;
    bn_u64(&x, a->m);
    bn_shl(&x, 1);
    if (delta > 0) bn_mul_add(&x, 1, 1);
    if (delta < 0) { bn one; bn_u64(&one, 1); bn_sub(&x, &one); }
    i32 shift = 0; /* the value is x * 10^shift */
    if (a->e - 1 >= 0) bn_shl(&x, a->e - 1);
    else { bn_mul_pow5(&x, 1 - a->e); shift = a->e - 1; }
    char *d = opa_malloc((u32)x.n * 10 + 10);
    i32 n = 0;
    while (x.n) { /* nine digits at a time, lowest first */
        u32 chunk = bn_divmod(&x, 1000000000u);
        for (int k = 0; k < 9; k++) { d[n++] = (char)('0' + chunk % 10); chunk /= 10; }
    }
    while (n > 0 && d[n - 1] == '0') n--; /* leading zeros */
    for (i32 i = 0; i < n / 2; i++) { char c = d[i]; d[i] = d[n - 1 - i]; d[n - 1 - i] = c; }
    r->d = d;
    r->exp = n + shift;
    r->n = n;
    trim(r);
}

static char digit_at(const digits *x, i32 i) { return i >= 0 && i < x->n ? x->d[i] : '0'; }

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

opa_value *bf_to_number(const bf *a) {
    if (a->zero) return a->neg ? opa_number_ref("-0", 2) : opa_number_int(0);
    digits d, lower, upper;
    half_ulp_digits(a, 0, &d);
    half_ulp_digits(a, -1, &lower);
    half_ulp_digits(a, +1, &upper);
    int inclusive = (a->m & 1) == 0; /* a bound rounds back to an even mantissa */
    for (i32 i = 0; i < d.n; i++) {
        char l = digit_at(&lower, i), m = d.d[i], u = digit_at(&upper, i);
        int okdown = l != m || (inclusive && i + 1 == lower.n);
        int okup = m != u && (inclusive || m + 1 < u || i + 1 < upper.n);
        if (okdown && okup) { round_nearest(&d, i + 1); break; }
        if (okdown) { round_down(&d, i + 1); break; }
        if (okup) { round_up(&d, i + 1); break; }
    }
    /* FloatToNumber: an integer in full (Text('f', -1)), anything else as Text('g', -1); the shortest digits of a
     * value are whole exactly when the value is, so the runtime's own number text is the same */
    opa_dec out = {a->neg, d.d, d.n, d.exp};
    return opa_number_from_dec(&out);
}
