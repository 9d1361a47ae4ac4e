/* Allocator honouring OPA's heap contract.
 * A bump pointer from opa_static_end(); the host saves it (opa_heap_ptr_get) after loading data and
 * resets it (opa_heap_ptr_set) before each evaluation, which frees everything evaluation allocated.
 * Blocks released with opa_free go to size-class free lists. Free lists are dropped on every
 * opa_heap_ptr_set (they may hold blocks above the new pointer); opa_heap_blocks_stash moves them
 * aside and opa_heap_blocks_restore moves them back once, so a block is never handed out twice
 * whatever order the host calls these in. */
#include "opa.h"

#define PAGE 65536u
#define HDR 8u
#define MAGIC 0x6f70u
#define ZERO_FREED 4096u
#define NCLASS 33 /* 8..256 bytes in 8-byte steps, then one first-fit list */

typedef struct block { u32 size; u32 magic; } block;
typedef struct free_block { u32 size; u32 magic; struct free_block *next; } free_block;

static u32 heap_ptr;
static u32 heap_top;
static free_block *free_lists[NCLASS];
static int free_lists_used; /* whether a block may be on a free list: most evaluations free nothing */
static free_block *stash_lists[NCLASS];

extern unsigned char __heap_base;

/* placeholder: the plan compiler replaces this body with the end of its appended data. noinline and
 * the opaque asm keep callers from inlining it or folding its value. */
OPA_EXPORT(opa_static_end) __attribute__((noinline)) u32 opa_static_end(void) {
    u32 end = (u32)&__heap_base;
    __asm__ volatile("" : "+r"(end));
    return end;
}

static void heap_init(void) {
    if (heap_ptr == 0) {
        heap_ptr = (opa_static_end() + 15u) & ~15u;
        heap_top = (u32)__builtin_wasm_memory_size(0) * PAGE;
    }
}

static u32 class_of(u32 size) { return size <= 256 ? (size >> 3) - 1 : NCLASS - 1; }

OPA_EXPORT(opa_heap_ptr_get) u32 opa_heap_ptr_get(void) { heap_init(); return heap_ptr; }

/* Hosts may set any pointer: OPA's JavaScript SDK sets the end of the input it wrote there. Blocks stay
 * 8-byte aligned, as opa_free checks, by starting from the next aligned address. */
OPA_EXPORT(opa_heap_ptr_set) void opa_heap_ptr_set(u32 p) {
    heap_init();
    heap_ptr = (p + 7u) & ~7u;
    opa_memoize_reset(); /* its frames lived in the memory just released */
    if (!free_lists_used) return;
    for (int i = 0; i < NCLASS; i++) free_lists[i] = NULL;
    free_lists_used = 0;
}

OPA_EXPORT(opa_heap_blocks_stash) void opa_heap_blocks_stash(void) {
    for (int i = 0; i < NCLASS; i++) { stash_lists[i] = free_lists[i]; free_lists[i] = NULL; }
}

OPA_EXPORT(opa_heap_blocks_restore) void opa_heap_blocks_restore(void) {
    for (int i = 0; i < NCLASS; i++) { free_lists[i] = stash_lists[i]; stash_lists[i] = NULL; }
    free_lists_used = 1;
}

OPA_EXPORT(opa_heap_stash_clear) void opa_heap_stash_clear(void) {
    for (int i = 0; i < NCLASS; i++) stash_lists[i] = NULL;
}

static void grow_to(u32 end) {
    if (end <= heap_top) return;
    u32 need = (end - heap_top + PAGE - 1) / PAGE;
    if (__builtin_wasm_memory_grow(0, need) == (usize)-1) opa_abort("opa_malloc: out of memory");
    heap_top += need * PAGE;
}

OPA_EXPORT(opa_malloc) void *opa_malloc(u32 size) {
    heap_init();
    if (size > 0x7ff00000u) opa_abort("opa_malloc: out of memory");
    size = (size + 7u) & ~7u;
    if (size == 0) size = 8;
    u32 c = class_of(size);
    if (c < NCLASS - 1) {
        free_block *f = free_lists[c];
        if (f) { free_lists[c] = f->next; f->magic = MAGIC; return (u8 *)f + HDR; }
    } else {
        free_block **pp = &free_lists[c];
        for (free_block *f = *pp; f; pp = &f->next, f = f->next) {
            if (f->size >= size && f->size <= size * 2) { *pp = f->next; f->magic = MAGIC; return (u8 *)f + HDR; }
        }
    }
    u32 start = (heap_ptr + 7u) & ~7u; /* after an opa_malloc_fixed block */
    u32 end = start + HDR + size;
    if (end < start) opa_abort("opa_malloc: out of memory");
    grow_to(end);
    heap_ptr = end;
    block *b = (block *)start;
    b->size = size;
    b->magic = MAGIC;
    return (u8 *)b + HDR;
}

/* A block that is never freed nor resized (values built whole, as compact data): no header, 4-byte aligned. */
void *opa_malloc_fixed(u32 size) {
    heap_init();
    u32 start = (heap_ptr + 3u) & ~3u;
    u32 end = start + size;
    if (end < start || size > 0x7ff00000u) opa_abort("opa_malloc: out of memory");
    grow_to(end);
    heap_ptr = end;
    return (void *)start;
}

OPA_EXPORT(opa_free) void opa_free(void *p) {
    if (p == NULL) return;
    u32 a = (u32)p;
    if ((a & 7u) != 0 || a < opa_static_end() + HDR || a > heap_ptr) opa_abort("opa_free: invalid pointer");
    free_block *f = (free_block *)((u8 *)p - HDR);
    if (f->magic != MAGIC) opa_abort("opa_free: invalid pointer or double free");
    f->magic = 0;
    /* a large block is zeroed, so that pages it alone covered (a data container's outgrown entries) are
     * left out of the data image (engine DataImage keeps pages of zeros once, shared) */
    if (f->size >= ZERO_FREED) memset(f + 1, 0, f->size - (sizeof(free_block) - HDR));
    /* the topmost block goes straight back to the bump pointer */
    if (a + f->size == heap_ptr) { heap_ptr = (u32)f; return; }
    u32 c = class_of(f->size);
    f->next = free_lists[c];
    free_lists[c] = f;
    free_lists_used = 1;
}

void *opa_realloc(void *p, u32 size) {
    if (p == NULL) return opa_malloc(size);
    block *b = (block *)((u8 *)p - HDR);
    u32 old = b->size;
    if (size <= old) return p;
    u32 nsize = (size + 7u) & ~7u;
    /* grow in place when the block is the last one */
    if ((u32)p + old == heap_ptr) {
        grow_to((u32)p + nsize);
        heap_ptr = (u32)p + nsize;
        b->size = nsize;
        return p;
    }
    void *n = opa_malloc(size);
    memcpy(n, p, old);
    opa_free(p);
    return n;
}

char *opa_strdup_n(const char *s, u32 n) {
    char *d = opa_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}
