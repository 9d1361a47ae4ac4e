/* bits.* builtins on integers that fit int64. */
#include "opa.h"
#include "decimal.h"

static int int_operand(const char *fname, i32 i, opa_value *v, i64 *out, opa_value **err) {
    *err = NULL;
    if (!v || v->type != OPA_NUMBER) { *err = opa_type_error(fname, i, "number", v); return 0; }
    if (!opa_value_is_integer(v)) { *err = opa_int_operand_error(fname, i); return 0; }
    if (!opa_number_get_int(v, out)) { *err = opa_builtin_error("eval_builtin_error", "bits: integer too large"); return 0; }
    return 1;
}

#define BITS2(name, fname, expr) \
    OPA_KEEP opa_value *opa_builtin_bits_##name(opa_value *a, opa_value *b) { \
        i64 x, y; opa_value *err; \
        if (!int_operand(fname, 1, a, &x, &err) || !int_operand(fname, 2, b, &y, &err)) return err; \
        return opa_number_int(expr); \
    }
BITS2(or, "bits.or", x | y)
BITS2(and, "bits.and", x & y)
BITS2(xor, "bits.xor", x ^ y)

OPA_KEEP opa_value *opa_builtin_bits_negate(opa_value *a) {
    i64 x; opa_value *err;
    if (!int_operand("bits.negate", 1, a, &x, &err)) return err;
    return opa_number_int(~x);
}

static opa_value *shift(const char *fname, opa_value *a, opa_value *b, int left) {
    i64 x, y; opa_value *err;
    if (!int_operand(fname, 1, a, &x, &err) || !int_operand(fname, 2, b, &y, &err)) return err;
    if (y < 0) {
        opa_buf m;
        buf_init(&m, 96);
        buf_put(&m, fname, (u32)strlen(fname));
        const char *t = ": operand 2 must be an unsigned integer number but got a negative integer";
        buf_put(&m, t, (u32)strlen(t) + 1);
        return opa_builtin_error("eval_type_error", m.buf);
    }
    if (!left) return opa_number_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    /* left shift: exact, beyond int64 too (as Go's big.Int) */
    if (y < 63) {
        i64 r = (i64)((u64)x << y);
        if ((r >> y) == x) return opa_number_int(r);
    }
    if (y > 100000) return opa_builtin_error("eval_builtin_error", "bits.lsh: shift too large");
    bigdec acc, two, r;
    dec_from_value(a, &acc);
    dec_from_value(opa_number_int(1ll << 30), &two);
    i64 k = y;
    while (k >= 30) { dec_mul(&acc, &two, &r); acc = r; k -= 30; }
    if (k) { dec_from_value(opa_number_int(1ll << k), &two); dec_mul(&acc, &two, &r); acc = r; }
    return dec_to_value(&acc);
}

OPA_KEEP opa_value *opa_builtin_bits_lsh(opa_value *a, opa_value *b) { return shift("bits.lsh", a, b, 1); }
OPA_KEEP opa_value *opa_builtin_bits_rsh(opa_value *a, opa_value *b) { return shift("bits.rsh", a, b, 0); }
