/* libFuzzer target: value operations and native builtins over two parsed Rego values
 * (input split at the first NUL). Checks the total order (antisymmetric, hash-consistent),
 * plus properties of set/object builtins; everything runs under ASan. */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../src/opa.h"

extern jmp_buf fuzz_abort_jmp;
void fuzz_release_all(void);

#define B1(n) opa_value *opa_builtin_##n(opa_value *);
#define B2(n) opa_value *opa_builtin_##n(opa_value *, opa_value *);
#define B3(n) opa_value *opa_builtin_##n(opa_value *, opa_value *, opa_value *);
B2(plus) B2(minus) B2(mul) B2(div) B2(rem) B1(abs) B1(round) B1(ceil) B1(floor)
B1(count) B1(sum) B1(product) B1(max) B1(min) B1(sort) B1(all) B1(any)
B2(and) B2(or) B2(internal_member_2) B3(internal_member_3) B2(array_concat) B3(array_slice)
B3(object_get) B1(object_keys) B2(object_remove) B2(object_filter) B2(object_union) B2(numbers_range)
B2(concat) B2(contains) B2(startswith) B2(endswith) B2(split) B3(substring) B2(indexof)
B2(trim) B2(trim_left) B2(trim_right) B2(trim_prefix) B2(trim_suffix) B1(trim_space) B1(to_number)
B2(bits_or) B2(bits_and) B2(bits_xor) B1(bits_negate) B2(bits_lsh) B2(bits_rsh) B1(type_name)
B1(union) B1(intersection) B1(array_reverse) B1(strings_reverse) B3(replace)
opa_value *opa_value_upsert_path(opa_value *, opa_value *, opa_value *);
i32 opa_value_add_path(opa_value *, opa_value *, opa_value *);
i32 opa_value_remove_path(opa_value *, opa_value *);

static int sign(int x) { return (x > 0) - (x < 0); }
static void use(opa_value *v) { if (v) { opa_value_dump(v); opa_value_hash(v); } }

/* exponents are saturated near +-1e9, so exactness is only claimed below that */
static int moderate(opa_value *v) {
    char buf[24];
    opa_dec d;
    opa_number_dec(v, &d, buf);
    return d.exp < 100000 && d.exp > -100000;
}

static void small_range(opa_value *a, opa_value *b) {
    i64 x, y;
    if (opa_number_get_int(a, &x) && opa_number_get_int(b, &y)) {
        uint64_t d = x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x;
        if (d < 100000) use(opa_builtin_numbers_range(a, b));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 14) return 0;
    const uint8_t *nul = memchr(data, 0, size);
    size_t la = nul ? (size_t)(nul - data) : size, lb = nul ? size - la - 1 : 0;
    char *ta = malloc(la + 1), *tb = malloc(lb + 1);
    memcpy(ta, data, la);
    if (lb) memcpy(tb, nul + 1, lb);
    if (setjmp(fuzz_abort_jmp) == 0) {
        opa_value *a = opa_value_parse(ta, (i32)la), *b = opa_value_parse(tb, (i32)lb);
        if (a && b) {
            int ab = opa_value_compare(a, b), ba = opa_value_compare(b, a);
            if (sign(ab) != -sign(ba)) abort();
            if (ab == 0 && opa_value_hash(a) != opa_value_hash(b)) abort();
            opa_value *fs[] = {
                opa_builtin_plus(a, b), opa_builtin_minus(a, b), opa_builtin_mul(a, b), opa_builtin_div(a, b),
                opa_builtin_rem(a, b), opa_builtin_abs(a), opa_builtin_round(a), opa_builtin_ceil(a), opa_builtin_floor(a),
                opa_builtin_count(a), opa_builtin_sum(a), opa_builtin_product(a), opa_builtin_max(a), opa_builtin_min(a),
                opa_builtin_sort(a), opa_builtin_all(a), opa_builtin_any(a), opa_builtin_and(a, b), opa_builtin_or(a, b),
                opa_builtin_internal_member_2(a, b), opa_builtin_internal_member_3(a, a, b), opa_builtin_array_concat(a, b),
                opa_builtin_array_slice(a, b, b), opa_builtin_object_get(a, b, b), opa_builtin_object_keys(a),
                opa_builtin_object_remove(a, b), opa_builtin_object_filter(a, b), opa_builtin_object_union(a, b),
                opa_builtin_concat(a, b), opa_builtin_contains(a, b), opa_builtin_startswith(a, b), opa_builtin_endswith(a, b),
                opa_builtin_split(a, b), opa_builtin_substring(a, b, b), opa_builtin_indexof(a, b), opa_builtin_trim(a, b),
                opa_builtin_trim_left(a, b), opa_builtin_trim_right(a, b), opa_builtin_trim_prefix(a, b),
                opa_builtin_trim_suffix(a, b), opa_builtin_trim_space(a), opa_builtin_to_number(a),
                opa_builtin_bits_or(a, b), opa_builtin_bits_and(a, b), opa_builtin_bits_xor(a, b), opa_builtin_bits_negate(a),
                opa_builtin_bits_rsh(a, b), opa_builtin_type_name(a), opa_value_merge(a, b),
                opa_value_upsert_path(a, b, a), opa_builtin_union(a), opa_builtin_intersection(a), opa_builtin_array_reverse(a),
                opa_builtin_strings_reverse(a), opa_builtin_replace(a, b, a), opa_builtin_bits_lsh(a, opa_number_int(3)),
            };
            for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) use(fs[i]);
            small_range(a, b);
            /* a + b - b == a for numbers (exact decimal arithmetic) */
            if (a->type == OPA_NUMBER && b->type == OPA_NUMBER && moderate(a) && moderate(b)) {
                opa_value *s = opa_builtin_plus(a, b);
                if (s && opa_value_compare(opa_builtin_minus(s, b), a) != 0) abort();
            }
            /* set algebra: (a | b) - b == a - b, and a & b is within both */
            if (a->type == OPA_SET && b->type == OPA_SET) {
                if (opa_value_compare(opa_builtin_minus(opa_builtin_or(a, b), b), opa_builtin_minus(a, b)) != 0) abort();
                opa_value *i = opa_builtin_and(a, b);
                if (opa_value_compare(opa_builtin_minus(i, a), opa_set()) != 0) abort();
            }
            if (a->type == OPA_OBJECT && b->type == OPA_ARRAY) {
                opa_value *c = opa_value_shallow_copy(a);
                if (opa_value_add_path(c, b, b) == 0 && opa_value_length(b) > 0 && opa_value_compare(opa_builtin_object_get(c, b, opa_null()), b) != 0) abort();
                opa_value_remove_path(c, b);
                use(c);
            }
            /* iteration visits every key once, in order */
            if (a->type >= OPA_ARRAY) {
                i32 n = 0;
                opa_value *prev = NULL;
                for (opa_value *k = opa_value_iter(a, NULL); k; k = opa_value_iter(a, k)) {
                    if (prev && a->type != OPA_ARRAY && opa_value_compare(prev, k) >= 0) abort();
                    if (!opa_value_get(a, k)) abort();
                    prev = k;
                    n++;
                }
                if (n != opa_value_length(a)) abort();
            }
        }
    }
    fuzz_release_all();
    free(ta);
    free(tb);
    return 0;
}
