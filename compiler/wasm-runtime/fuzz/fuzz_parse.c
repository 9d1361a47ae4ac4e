/* libFuzzer target: JSON / Rego value parsing, lazy parsing and dumping.
 * Checks: no memory errors; eager and lazy parses agree; a dump parses back to the same dump. */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../src/opa.h"

extern jmp_buf fuzz_abort_jmp;
void fuzz_release_all(void);

static void check_same(const char *a, const char *b) { if (strcmp(a, b) != 0) abort(); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 16) return 0;
    /* exact-size copy: ASan flags any read past the end */
    char *text = malloc(size ? size : 1);
    memcpy(text, data, size);
    if (setjmp(fuzz_abort_jmp) == 0) {
        char *copy = malloc(size ? size : 1);
        memcpy(copy, data, size);
        opa_value *eager = opa_json_parse(copy, (i32)size);
        free(copy); /* opa_json_parse's values keep no reference to the text: ASan flags any use */
        opa_value *lazy = opa_json_parse_lazy(text, (u32)size);
        if ((eager == NULL) != (lazy == NULL)) abort();
        if (eager) {
            char *d1 = opa_json_dump(eager);
            check_same(d1, opa_json_dump(lazy));
            if (opa_value_compare(eager, lazy) != 0 || opa_value_hash(eager) != opa_value_hash(lazy)) abort();
            opa_value *again = opa_json_parse(d1, (i32)strlen(d1));
            if (!again) abort();
            check_same(d1, opa_json_dump(again));
            if (opa_value_compare(eager, again) != 0) abort();
        }
        opa_value *v = opa_value_parse(text, (i32)size);
        if (v) {
            char *d = opa_value_dump(v);
            opa_value *again = opa_value_parse(d, (i32)strlen(d));
            if (!again) abort();
            check_same(d, opa_value_dump(again));
            opa_json_dump(v);
        }
    }
    fuzz_release_all();
    free(text);
    return 0;
}
