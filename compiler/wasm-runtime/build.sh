#!/usr/bin/env bash
# Builds opa-runtime.wasm from src/*.c, byte-for-byte reproducibly.
#   ./build.sh          rebuild opa-runtime.wasm
#   ./build.sh --check  rebuild into a temp file and fail if it differs from the committed artifact
# Needs clang, wasm-ld (Debian: clang lld) and python3.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang}
LD=${WASM_LD:-wasm-ld}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=opa-runtime.wasm
if [[ "${1:-}" == "--check" ]]; then out="$tmp/opa-runtime.wasm"; fi

CFLAGS=(--target=wasm32-unknown-unknown -O2 -ffreestanding -nostdlib -fno-builtin-malloc -mbulk-memory
        -fvisibility=hidden -fno-ident -g0 -Wall -Wextra -Werror -Wno-unused-parameter -std=c11)
objs=()
for src in src/*.c; do
  obj="$tmp/$(basename "${src%.c}").o"
  # relative paths only, so nothing about this machine ends up in the output
  "$CC" "${CFLAGS[@]}" -c "$src" -o "$obj"
  objs+=("$obj")
done

# OPA's module shape: env.memory imported, stack first (an overflow traps instead of corrupting data)
"$LD" --no-entry --import-memory --stack-first -z stack-size=262144 --gc-sections --no-check-features --features=mutable-globals,sign-ext \
  -o "$tmp/linked.wasm" "${objs[@]}"

# Adds the ABI version globals and the `memory` export, drops the toolchain's producers section.
python3 tools/finish_module.py "$tmp/linked.wasm" "$out"

if [[ "${1:-}" == "--check" ]]; then
  if cmp -s "$out" opa-runtime.wasm; then echo "opa-runtime.wasm is up to date"; else
    echo "opa-runtime.wasm differs from a fresh build of src/: run wasm-runtime/build.sh" >&2; exit 1; fi
else
  echo "built $out ($(wc -c < "$out") bytes)"
fi
