#!/usr/bin/env bash
# Builds the libFuzzer targets natively (x86_64, ASan + UBSan) from the same sources as the wasm
# module, minus the wasm-only allocator and libc stand-ins (fuzz/native_shim.c replaces them).
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-/tmp/opa-runtime-fuzz} # outside the repository
mkdir -p "$out"
srcs=()
for f in ../src/*.c; do
  case "$(basename "$f")" in malloc.c|std.c) ;; *) srcs+=("$f") ;; esac
done
for t in fuzz_parse fuzz_values; do
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -DOPA_NATIVE \
    -Wno-unknown-attributes -Wno-ignored-attributes -Wno-macro-redefined \
    "$t.c" native_shim.c "${srcs[@]}" -o "$out/$t"
done
echo "built $out/fuzz_parse $out/fuzz_values"
