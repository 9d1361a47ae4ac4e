/* Growable byte buffer for dumps and string builtins (grows in place while it is the last block). */
#include "opa.h"

void buf_init(opa_buf *b, u32 cap) {
    b->cap = cap < 16 ? 16 : cap;
    b->buf = opa_malloc(b->cap);
    b->len = 0;
}

static void buf_reserve(opa_buf *b, u32 n) {
    if (b->len + n <= b->cap) return;
    u32 ncap = b->cap * 2;
    while (ncap < b->len + n) ncap *= 2;
    b->buf = opa_realloc(b->buf, ncap);
    b->cap = ncap;
}

void buf_put(opa_buf *b, const char *s, u32 n) {
    buf_reserve(b, n);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

void buf_putc(opa_buf *b, char c) {
    buf_reserve(b, 1);
    b->buf[b->len++] = c;
}

void buf_put_i64(opa_buf *b, i64 i) {
    char tmp[24];
    u32 n = 0;
    u64 m = (u64)i;
    if (i < 0) { buf_putc(b, '-'); m = (u64)0 - m; }
    do { tmp[n++] = (char)('0' + m % 10); m /= 10; } while (m);
    while (n) buf_putc(b, tmp[--n]);
}
