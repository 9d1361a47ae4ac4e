#!/usr/bin/env bash
# Prints which io.sark.opa package of the runtime module uses which other one ("a -> b"), from the compiled
# classes (jdeps -verbose:package). Build the module first: mvn -o -q -pl runtime compile
set -euo pipefail
classes="${1:-$(dirname "$0")/../runtime/target/classes}"
[ -d "$classes" ] || { echo "no classes at $classes: build the runtime module first" >&2; exit 1; }
jdeps -verbose:package -filter:none -e 'io\.sark\.opa\..*' "$classes" \
  | awk '$1 ~ /^io\.sark\.opa/ && $2 == "->" && $3 ~ /^io\.sark\.opa/ && $1 != $3 { print $1 " -> " $3 }' \
  | sort -u
