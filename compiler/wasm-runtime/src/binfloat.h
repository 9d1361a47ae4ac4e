/* Go's big.Float at 64-bit mantissa, rounded to nearest even: how OPA's evaluator does arithmetic on numbers that are
 * not both integers (binfloat.c). */
#ifndef OPA_BINFLOAT_H
#define OPA_BINFLOAT_H
#include "opa.h"
typedef struct { int neg, zero; u64 m; i32 e; } bf; /* (-1)^neg * m * 2^e, bit 63 of m set unless zero */
/* The widest numbers converted: digits and decimal exponent of an operand, binary exponent of a result (about
 * 1e-420 to 1e400). Conversion costs time that grows with the square of their size, and float64, the widest a JSON
 * client reads, ends at 1e308. */
#define BF_MAX_DIGITS 400
#define BF_MAX_EXP 1400
int bf_of_value(opa_value *v, bf *r); /* 0 for a number beyond BF_MAX_DIGITS */
void bf_add(const bf *a, const bf *b, int negate_b, bf *r);
void bf_mul(const bf *a, const bf *b, bf *r);
void bf_quo(const bf *a, const bf *b, bf *r);
int bf_in_range(const bf *a);
opa_value *bf_to_number(const bf *a);
#endif
