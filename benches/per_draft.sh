#!/usr/bin/env bash
# Instructions per 100 warm seed drafts (callgrind): the check of the first 150 drafts minus
# that of the first 50, so start-up and pattern compilation cancel out. Deterministic to about
# 0.1 M; compare fat-LTO builds (`cargo build --release`), each built in a target directory of
# its own (BENCHMARKS.md «Stop 29: the whole stop»: quick builds move by ±5 M on their own).
# Usage: benches/per_draft.sh [BIN] [--off RULE-ID]
#   --off ID: the same binary with one rule switched off by a configuration, next to the same
#   binary with nothing switched off; the difference is what the rule costs per 100 drafts.
# Needs valgrind (apt-get install valgrind). Drafts: tests/fixtures/seeds, as ../shared/bench/speed.py
# builds them (seed i % 5, 2018 replaced by 2010 + i % 9).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/gongkai}
OFF=
if [[ ${2:-} == --off ]]; then OFF=${3:?rule id}; fi
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" <<'PY'
import os, sys
seeds_dir = "tests/fixtures/seeds"
seeds = [open(os.path.join(seeds_dir, s), encoding="utf-8").read() for s in sorted(os.listdir(seeds_dir))]
for name, n in (("d50", 50), ("d150", 150)):
    d = os.path.join(sys.argv[1], name)
    os.makedirs(d)
    for i in range(n):
        with open(os.path.join(d, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(seeds[i % 5].replace("2018", str(2010 + i % 9)))
PY
refs() { # refs DIR CHECK-ARGS...: instructions of one run
    local dir=$1; shift
    GONGKAI_WAIT_FOR_PATTERNS=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
        "$BIN" check --jobs 1 --format json "$@" "$dir" >/dev/null 2>"$WORK/err" || true
    grep -o 'refs: *[0-9,]*' "$WORK/err" | tr -dc 0-9
}
per100() { # per100 CHECK-ARGS...
    local a b
    a=$(refs "$WORK/d50" "$@"); b=$(refs "$WORK/d150" "$@")
    python3 -c "print(f'{($b - $a) / 1e6:.2f}')"
}
if [[ -z $OFF ]]; then
    echo "$(per100 --isolated) M instructions per 100 warm drafts"
else
    printf 'rules:\n  disable: []\n' >"$WORK/all.yaml"
    printf 'rules:\n  disable: [%s]\n' "$OFF" >"$WORK/off.yaml"
    all=$(per100 --config "$WORK/all.yaml"); off=$(per100 --config "$WORK/off.yaml")
    python3 -c "print(f'all rules {$all} M, without $OFF {$off} M: $OFF costs {$all - $off:.2f} M per 100 warm drafts')"
fi
