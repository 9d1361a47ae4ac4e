/* The few libc functions the library needs (freestanding: no libc is linked). */
#include "opa.h"

/*
 * Up to 16 bytes, copied by at most two loads then two stores (overlap-safe, so memmove can use it too). A bulk
 * memory instruction has a fixed cost in the JVM (bounds checks, a call into the host's memory) well above a
 * few loads, and most copies here are short keys and strings.
 */
static void copy_short(u8 *d, const u8 *s, usize n) {
    if (n >= 8) {
        u64 head, tail;
        __builtin_memcpy(&head, s, 8);
        __builtin_memcpy(&tail, s + n - 8, 8);
        __builtin_memcpy(d, &head, 8);
        __builtin_memcpy(d + n - 8, &tail, 8);
    } else if (n >= 4) {
        u32 head, tail;
        __builtin_memcpy(&head, s, 4);
        __builtin_memcpy(&tail, s + n - 4, 4);
        __builtin_memcpy(d, &head, 4);
        __builtin_memcpy(d + n - 4, &tail, 4);
    } else if (n) {
        u8 first = s[0], middle = s[n / 2], last = s[n - 1];
        d[0] = first; d[n / 2] = middle; d[n - 1] = last;
    }
}

void *memcpy(void *d, const void *s, usize n) {
#if defined(__wasm_bulk_memory__)
    if (n <= 16) copy_short(d, s, n);
    else __builtin_memcpy(d, s, n);
#else
    u8 *dp = d; const u8 *sp = s;
    while (n--) *dp++ = *sp++;
#endif
    return d;
}

void *memmove(void *d, const void *s, usize n) {
#if defined(__wasm_bulk_memory__)
    if (n <= 16) copy_short(d, s, n);
    else __builtin_memmove(d, s, n); /* memory.copy allows overlap */
    return d;
#endif
    u8 *dp = d; const u8 *sp = s;
    if (dp == sp || n == 0) return d;
    if (dp < sp) { while (n--) *dp++ = *sp++; }
    else { dp += n; sp += n; while (n--) *--dp = *--sp; }
    return d;
}

/* Up to 16 bytes by at most two stores, for the same reason as copy_short. */
static void fill_short(u8 *d, u8 c, usize n) {
    u64 v = 0x0101010101010101ULL * c;
    if (n >= 8) {
        __builtin_memcpy(d, &v, 8);
        __builtin_memcpy(d + n - 8, &v, 8);
    } else if (n >= 4) {
        __builtin_memcpy(d, &v, 4);
        __builtin_memcpy(d + n - 4, &v, 4);
    } else if (n) {
        d[0] = c; d[n / 2] = c; d[n - 1] = c;
    }
}

void *memset(void *d, int c, usize n) {
#if defined(__wasm_bulk_memory__)
    if (n <= 16) fill_short(d, (u8)c, n);
    else __builtin_memset(d, c, n);
    return d;
#endif
    u8 *dp = d;
    while (n--) *dp++ = (u8)c;
    return d;
}

/* The first differing byte of two little-endian words that differ decides their order. */
static int cmp_first_diff(u64 p, u64 q) {
    int shift = __builtin_ctzll(p ^ q) & ~7;
    return ((p >> shift) & 0xFF) < ((q >> shift) & 0xFF) ? -1 : 1;
}

/* Eight bytes per step: every wasm load costs a host call in the JVM, so bytes one by one cost eight times more. */
int memcmp(const void *a, const void *b, usize n) {
    const u8 *x = a, *y = b;
    for (; n >= 8; x += 8, y += 8, n -= 8) {
        u64 p, q;
        __builtin_memcpy(&p, x, 8); /* one unaligned i64.load */
        __builtin_memcpy(&q, y, 8);
        if (p != q) return cmp_first_diff(p, q);
    }
    if (n >= 4) {
        u32 p, q;
        __builtin_memcpy(&p, x, 4);
        __builtin_memcpy(&q, y, 4);
        if (p != q) return cmp_first_diff(p, q);
        x += 4; y += 4; n -= 4;
    }
    for (; n; x++, y++, n--) if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

usize strlen(const char *s) {
    usize n = 0;
    while (s[n]) n++;
    return n;
}
