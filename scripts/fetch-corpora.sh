#!/usr/bin/env bash
# Fetches the test corpora listed in scripts/corpora.sha256 into a shared folder (default: ../shared beside the
# project), for a clone that has none: each missing corpus is taken from its public repository at the pinned
# commit, only the listed files, and every file is checked against its SHA-256. A corpus already present is
# left alone. Needs git and sha256sum; CORPORA_GIT_BASE replaces https://github.com (a mirror).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
manifest="$project/scripts/corpora.sha256"
shared=$(mkdir -p "${1:-$project/../shared}" && cd "${1:-$project/../shared}" && pwd)

while read -r _ name repo commit upstream local; do
  if [ -d "$shared/$name" ]; then
    echo "$name: present in $shared"
    continue
  fi
  echo "$name: fetching $repo at $commit"
  work=$(mktemp -d)
  git clone --quiet --filter=blob:none --no-checkout "${CORPORA_GIT_BASE:-https://github.com}/$repo.git" "$work/repo"
  git -C "$work/repo" checkout --quiet "$commit" -- "$upstream" LICENSE
  grep -E "^[0-9a-f]{64}  $name/" "$manifest" | while read -r _ path; do
    rel=${path#"$name/"}
    if [ "$rel" = LICENSE ]; then
      source="$work/repo/LICENSE"
    else
      [ "$local" = . ] || rel=${rel#"$local/"}
      source="$work/repo/$upstream/$rel"
    fi
    mkdir -p "$(dirname "$shared/$path")"
    cp "$source" "$shared/$path"
  done
  rm -rf "$work"
done < <(grep '^corpus ' "$manifest")

# every listed file, fetched or already there, must be the pinned one
(cd "$shared" && grep -E '^[0-9a-f]{64}  ' "$manifest" | sha256sum --quiet -c -)
echo "corpora in $shared match $manifest"
