/* Native (x86_64) stand-ins for the wasm-only parts, so libFuzzer + ASan can run the library:
 * every opa_malloc is its own libc block (ASan sees overflows exactly), all released after each
 * input; opa_abort unwinds to the fuzz target, as a trap ends a wasm call. */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct blk { struct blk *prev, *next; size_t size; size_t pad; } blk;
static blk head = {&head, &head, 0, 0};
jmp_buf fuzz_abort_jmp;
const char *fuzz_abort_msg;

void *opa_malloc(unsigned size) {
    blk *b = malloc(sizeof(blk) + (size ? size : 1));
    if (!b) abort();
    b->size = size;
    b->next = head.next; b->prev = &head;
    head.next->prev = b; head.next = b;
    return b + 1;
}

void *opa_malloc_fixed(unsigned size) { return opa_malloc(size); }

void opa_free(void *p) {
    if (!p) return;
    blk *b = (blk *)p - 1;
    b->prev->next = b->next; b->next->prev = b->prev;
    free(b);
}

void *opa_realloc(void *p, unsigned size) {
    if (!p) return opa_malloc(size);
    blk *b = (blk *)p - 1;
    if (size <= b->size) return p;
    void *n = opa_malloc(size);
    memcpy(n, p, b->size);
    opa_free(p);
    return n;
}

char *opa_strdup_n(const char *s, unsigned n) {
    char *d = opa_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void fuzz_release_all(void) {
    while (head.next != &head) opa_free((blk *)head.next + 1);
}

void opa_memoize_reset(void);
void opa_heap_ptr_set(unsigned p) { (void)p; opa_memoize_reset(); }

void opa_abort(const char *msg) { fuzz_abort_msg = msg; longjmp(fuzz_abort_jmp, 1); }
void opa_println(const char *msg) { (void)msg; }
void *opa_builtin0(int id, int ctx) { (void)id; (void)ctx; abort(); }
void *opa_builtin1(int id, int ctx, void *a) { (void)a; return opa_builtin0(id, ctx); }
void *opa_builtin2(int id, int ctx, void *a, void *b) { (void)b; return opa_builtin1(id, ctx, a); }
void *opa_builtin3(int id, int ctx, void *a, void *b, void *c) { (void)c; return opa_builtin2(id, ctx, a, b); }
void *opa_builtin4(int id, int ctx, void *a, void *b, void *c, void *d) { (void)d; return opa_builtin3(id, ctx, a, b, c); }
