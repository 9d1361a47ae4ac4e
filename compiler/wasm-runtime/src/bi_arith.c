/* Arithmetic builtins as OPA's evaluator computes them (v1/topdown/arithmetic.go): integers exactly (an int64 fast
 * path, then exact decimals), anything else as Go's big.Float (binfloat.c); `minus` also takes sets. */
#include "opa.h"
#include "decimal.h"
#include "binfloat.h"

#define NUMBER_ARG(fname, i, v) if (!(v) || (v)->type != OPA_NUMBER) return opa_type_error(fname, i, "number", v)

static int int_args(opa_value *a, opa_value *b, i64 *x, i64 *y) {
    if (!(a->flags & F_REF) && !(b->flags & F_REF)) { *x = NUM(a)->v.i; *y = NUM(b)->v.i; return 1; }
    return opa_number_get_int(a, x) && opa_number_get_int(b, y);
}

/* 1 on overflow; avoids __builtin_mul_overflow, which needs compiler-rt's __multi3 */
static int mul_overflow(i64 x, i64 y, i64 *r) {
    const i64 MIN = -9223372036854775807ll - 1;
    if (x == 0 || y == 0) { *r = 0; return 0; }
    if ((x == -1 && y == MIN) || (y == -1 && x == MIN)) return 1;
    i64 p = (i64)((u64)x * (u64)y);
    if (x == (i32)x && y == (i32)y) { *r = p; return 0; }
    __asm__("" : "+r"(p)); /* keeps clang from turning the check into a 128-bit multiply */
    if (p / y != x) return 1;
    *r = p;
    return 0;
}

static opa_value *too_large(const char *fname) {
    opa_buf msg;
    buf_init(&msg, 64);
    buf_put(&msg, fname, (u32)strlen(fname));
    buf_put(&msg, ": number too large for arithmetic on non-integers", 49);
    buf_putc(&msg, 0);
    return opa_builtin_error("eval_builtin_error", msg.buf);
}

/* a op b: exact when both are integers (OPA's big.Int path), else rounded as big.Float (its float path) */
static opa_value *wide_binop(const char *fname, opa_value *a, opa_value *b, char op) {
    if (op != '/' && opa_value_is_integer(a) && opa_value_is_integer(b)) {
        bigdec x, y, r;
        dec_from_value(a, &x);
        dec_from_value(b, &y);
        if (op == '*') dec_mul(&x, &y, &r);
        else dec_add(&x, &y, op == '-', &r);
        return dec_to_value(&r);
    }
    bf x, y, r;
    if (!bf_of_value(a, &x) || !bf_of_value(b, &y)) return too_large(fname);
    if (op == '*') bf_mul(&x, &y, &r);
    else if (op == '/') bf_quo(&x, &y, &r);
    else bf_add(&x, &y, op == '-', &r);
    return bf_in_range(&r) ? bf_to_number(&r) : too_large(fname);
}

OPA_KEEP opa_value *opa_builtin_plus(opa_value *a, opa_value *b) {
    NUMBER_ARG("plus", 1, a);
    NUMBER_ARG("plus", 2, b);
    i64 x, y, r;
    if (int_args(a, b, &x, &y) && !__builtin_add_overflow(x, y, &r)) return opa_number_int(r);
    return wide_binop("plus", a, b, '+');
}

OPA_KEEP opa_value *opa_builtin_mul(opa_value *a, opa_value *b) {
    NUMBER_ARG("mul", 1, a);
    NUMBER_ARG("mul", 2, b);
    i64 x, y, r;
    if (int_args(a, b, &x, &y) && !mul_overflow(x, y, &r)) return opa_number_int(r);
    return wide_binop("mul", a, b, '*');
}

static opa_value *set_diff(opa_value *a, opa_value *b) {
    opa_value *r = opa_set();
    opa_entry *e = opa_sorted_entries(a);
    for (u32 i = 0; i < COL(a)->len; i++)
        if (!opa_value_get(b, e[i].key)) opa_set_add(r, e[i].key);
    return r;
}

OPA_KEEP opa_value *opa_builtin_minus(opa_value *a, opa_value *b) {
    if (a && b && a->type == OPA_NUMBER && b->type == OPA_NUMBER) {
        i64 x, y, r;
        if (int_args(a, b, &x, &y) && !__builtin_sub_overflow(x, y, &r)) return opa_number_int(r);
        return wide_binop("minus", a, b, '-');
    }
    if (a && b && a->type == OPA_SET && b->type == OPA_SET) return set_diff(a, b);
    /* OPA names the operand that does not match the other one's type */
    if (a && a->type == OPA_NUMBER) return opa_type_error("minus", 2, "number", b);
    if (a && a->type == OPA_SET) return opa_type_error("minus", 2, "set", b);
    return opa_type_error("minus", 1, "one of {number, set}", a);
}

/* set_diff(a, b): the builtin that OPA deprecated for a - b (v1/topdown/sets.go), still callable from v0 policies */
OPA_KEEP opa_value *opa_builtin_set_diff(opa_value *a, opa_value *b) {
    OPA_ARG("set_diff", 1, a, OPA_SET, "set");
    OPA_ARG("set_diff", 2, b, OPA_SET, "set");
    return set_diff(a, b);
}

OPA_KEEP opa_value *opa_builtin_div(opa_value *a, opa_value *b) {
    NUMBER_ARG("div", 1, a);
    NUMBER_ARG("div", 2, b);
    char buf[24];
    opa_dec db;
    opa_number_dec(b, &db, buf);
    if (db.n == 0) return opa_builtin_error("eval_builtin_error", "div: divide by zero");
    /* a quotient is an integer only from int32 operands that divide, a zero dividend aside (it may be -0) */
    i64 x, y;
    if (int_args(a, b, &x, &y) && x == (i32)x && y == (i32)y && x != 0 && x % y == 0) return opa_number_int(x / y);
    return wide_binop("div", a, b, '/');
}

OPA_KEEP opa_value *opa_builtin_rem(opa_value *a, opa_value *b) {
    NUMBER_ARG("rem", 1, a);
    NUMBER_ARG("rem", 2, b);
    if (!opa_value_is_integer(a) || !opa_value_is_integer(b))
        return opa_builtin_error("eval_builtin_error", "rem: modulo on floating-point number");
    i64 x, y;
    if (int_args(a, b, &x, &y)) {
        if (y == 0) return opa_builtin_error("eval_builtin_error", "rem: modulo by zero");
        if (y == -1) return opa_number_int(0);
        return opa_number_int(x % y);
    }
    bigdec bx, by, r;
    dec_from_value(a, &bx);
    dec_from_value(b, &by);
    if (by.n == 0) return opa_builtin_error("eval_builtin_error", "rem: modulo by zero");
    dec_rem_int(&bx, &by, &r);
    return dec_to_value(&r);
}

OPA_KEEP opa_value *opa_builtin_abs(opa_value *a) {
    NUMBER_ARG("abs", 1, a);
    if (!(a->flags & F_REF) && NUM(a)->v.i != (-9223372036854775807ll - 1)) {
        i64 x = NUM(a)->v.i;
        return x < 0 ? opa_number_int(-x) : a;
    }
    bigdec x;
    dec_from_value(a, &x);
    x.neg = 0;
    return dec_to_value(&x);
}

/* mode: 'r' round half away from zero, 'c' ceil, 'f' floor */
static opa_value *to_integer(opa_value *a, char mode) {
    if (opa_value_is_integer(a)) {
        i64 i;
        if (opa_number_get_int(a, &i)) return opa_number_int(i);
        bigdec x;
        dec_from_value(a, &x);
        return dec_to_value(&x); /* normalises e.g. 1.0e30 */
    }
    bigdec x, t, one, r;
    int frac;
    dec_from_value(a, &x);
    dec_trunc(&x, &t, &frac);
    int up;
    if (mode == 'r') up = dec_first_frac_digit(&x) >= 5;
    else if (mode == 'c') up = !x.neg && frac;
    else up = x.neg && frac;
    if (!up) { t.neg = t.n ? x.neg : 0; return dec_to_value(&t); }
    dec_one(&one, x.neg);
    t.neg = x.neg;
    dec_add(&t, &one, 0, &r);
    return dec_to_value(&r);
}

OPA_KEEP opa_value *opa_builtin_round(opa_value *a) { NUMBER_ARG("round", 1, a); return to_integer(a, 'r'); }
OPA_KEEP opa_value *opa_builtin_ceil(opa_value *a) { NUMBER_ARG("ceil", 1, a); return to_integer(a, 'c'); }
OPA_KEEP opa_value *opa_builtin_floor(opa_value *a) { NUMBER_ARG("floor", 1, a); return to_integer(a, 'f'); }

/* ---- comparison ---- */
OPA_KEEP opa_value *opa_builtin_equal(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) == 0); }
OPA_KEEP opa_value *opa_builtin_neq(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) != 0); }
OPA_KEEP opa_value *opa_builtin_lt(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) < 0); }
OPA_KEEP opa_value *opa_builtin_lte(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) <= 0); }
OPA_KEEP opa_value *opa_builtin_gt(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) > 0); }
OPA_KEEP opa_value *opa_builtin_gte(opa_value *a, opa_value *b) { return opa_boolean(opa_value_compare(a, b) >= 0); }
