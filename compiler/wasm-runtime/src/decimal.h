/* Exact decimal arithmetic used by the arithmetic builtins. */
#ifndef OPA_DECIMAL_H
#define OPA_DECIMAL_H
#include "opa.h"
typedef struct { i32 neg; u8 *d; i32 n; i32 exp; } bigdec;
void dec_from_value(opa_value *v, bigdec *b);
opa_value *dec_to_value(bigdec *b);
void dec_add(const bigdec *a, const bigdec *b, int negate_b, bigdec *r);
void dec_mul(const bigdec *a, const bigdec *b, bigdec *r);
void dec_trunc(const bigdec *a, bigdec *r, int *frac);
u32 dec_first_frac_digit(const bigdec *a);
void dec_one(bigdec *r, int neg);
void dec_rem_int(const bigdec *a, const bigdec *b, bigdec *r);
#endif
