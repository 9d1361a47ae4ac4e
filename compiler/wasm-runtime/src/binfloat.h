/* Go's big.Float at 64-bit mantissa, rounded to nearest even: how OPA's evaluator does arithmetic on numbers that are
 * not both integers (binfloat.c). */
#ifndef OPA_BINFLOAT_H
#define OPA_BINFLOAT_H
#include "opa.h"
#include "decimal.h"
typedef struct { int neg, zero; u64 m; i32 e; } bf; /* (-1)^neg * m * 2^e, bit 63 of m set unless zero */
void bf_of_value(opa_value *v, bf *r);
void bf_from_dec(const bigdec *x, bf *r);
void bf_to_dec(const bf *a, bigdec *r);
void bf_add(const bf *a, const bf *b, int negate_b, bf *r);
void bf_mul(const bf *a, const bf *b, bf *r);
void bf_quo(const bf *a, const bf *b, bf *r);
opa_value *bf_to_number(const bf *a);
#endif
