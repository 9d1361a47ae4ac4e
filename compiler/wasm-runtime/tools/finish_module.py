#!/usr/bin/env python3
"""Finishes the linked module into OPA's shape: adds the immutable i32 globals
opa_wasm_abi_version = 1 and opa_wasm_abi_minor_version = 3 (C cannot declare wasm globals),
exports the imported memory as `memory` (ABI 1.1), and drops the `producers` custom section
and `target_features` sections (toolchain metadata) so the output depends only on the sources."""
import sys

ABI_VERSION, ABI_MINOR = 1, 3


def uleb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80:
            return r, i


def enc(n):
    out = bytearray()
    while True:
        x = n & 0x7f; n >>= 7
        if n:
            out.append(x | 0x80)
        else:
            out.append(x)
            return bytes(out)


def name(s):
    return enc(len(s)) + s.encode()


def main(src, dst):
    b = open(src, 'rb').read()
    assert b[:8] == b'\0asm\1\0\0\0', 'not a wasm module'
    i, sections = 8, []
    while i < len(b):
        sid = b[i]; size, j = uleb(b, i + 1)
        sections.append((sid, b[j:j + size])); i = j + size
    imported_globals = 0
    for sid, body in sections:
        if sid == 2:  # imports
            n, k = uleb(body, 0)
            for _ in range(n):
                l, k = uleb(body, k); k += l
                l, k = uleb(body, k); k += l
                kind = body[k]; k += 1
                if kind == 0: _, k = uleb(body, k)
                elif kind == 1: k += 1; fl = body[k]; k += 1; _, k = uleb(body, k); k = uleb(body, k)[1] if fl & 1 else k
                elif kind == 2: fl = body[k]; k += 1; _, k = uleb(body, k); k = uleb(body, k)[1] if fl & 1 else k
                elif kind == 3: k += 2; imported_globals += 1
    out = bytearray(b[:8])
    first_new_global = None
    for sid, body in sections:
        if sid == 0:
            l, k = uleb(body, 0)
            if body[k:k + l] in (b'producers', b'target_features'):
                continue
        if sid == 6:  # globals
            n, k = uleb(body, 0)
            first_new_global = imported_globals + n
            body = enc(n + 2) + body[k:] + bytes([0x7f, 0x00, 0x41]) + enc(ABI_VERSION) + b'\x0b' \
                + bytes([0x7f, 0x00, 0x41]) + enc(ABI_MINOR) + b'\x0b'
        if sid == 7:  # exports
            assert first_new_global is not None, 'global section must precede exports'
            n, k = uleb(body, 0)
            body = enc(n + 3) + body[k:] + name('memory') + b'\x02' + enc(0) \
                + name('opa_wasm_abi_version') + b'\x03' + enc(first_new_global) \
                + name('opa_wasm_abi_minor_version') + b'\x03' + enc(first_new_global + 1)
        out.append(sid); out += enc(len(body)); out += body
    open(dst, 'wb').write(bytes(out))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
