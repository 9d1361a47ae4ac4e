/* The few libc functions the library needs (freestanding: no libc is linked). */
#include "opa.h"

void *memcpy(void *d, const void *s, usize n) {
#if defined(__wasm_bulk_memory__)
    __builtin_memcpy(d, s, n);
#else
    u8 *dp = d; const u8 *sp = s;
    while (n--) *dp++ = *sp++;
#endif
    return d;
}

void *memmove(void *d, const void *s, usize n) {
#if defined(__wasm_bulk_memory__)
    __builtin_memmove(d, s, n); /* memory.copy allows overlap */
    return d;
#endif
    u8 *dp = d; const u8 *sp = s;
    if (dp == sp || n == 0) return d;
    if (dp < sp) { while (n--) *dp++ = *sp++; }
    else { dp += n; sp += n; while (n--) *--dp = *--sp; }
    return d;
}

void *memset(void *d, int c, usize n) {
#if defined(__wasm_bulk_memory__)
    __builtin_memset(d, c, n);
    return d;
#endif
    u8 *dp = d;
    while (n--) *dp++ = (u8)c;
    return d;
}

int memcmp(const void *a, const void *b, usize n) {
    const u8 *x = a, *y = b;
    for (usize i = 0; i < n; i++) if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

usize strlen(const char *s) {
    usize n = 0;
    while (s[n]) n++;
    return n;
}
