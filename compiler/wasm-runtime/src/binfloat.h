/* Go's big.Float at 64-bit mantissa, rounded to nearest even: how OPA's evaluator does arithmetic on numbers that are
 * not both integers (binfloat.c). */
#ifndef OPA_BINFLOAT_H
#define OPA_BINFLOAT_H
#include "opa.h"
typedef struct { int neg, zero; u64 m; i32 e; } bf; /* (-1)^neg * m * 2^e, bit 63 of m set unless zero */
/* the widest binary exponent a result may have: about 1e-420 to 1e400 */
#define BF_MAX_EXP 1400
void bf_of_value(opa_value *v, bf *r); /* a number of at most 400 digits within 1e-400 to 1e400 */
void bf_add(const bf *a, const bf *b, int negate_b, bf *r);
void bf_mul(const bf *a, const bf *b, bf *r);
void bf_quo(const bf *a, const bf *b, bf *r);
int bf_in_range(const bf *a);
opa_value *bf_to_number(const bf *a);
#endif
