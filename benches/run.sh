#!/usr/bin/env bash
# Whole-process benchmarks of the release binary on generated drafts (see BENCHMARKS.md):
#   - start-up: `gongkai check` on one small draft, many runs, median;
#   - 100 / 1,000 / 10,000 drafts (.txt) and 1,000 / 10,000 (.docx) with --jobs 1 and 2:
#     wall time, CPU time, files/s, MB/s, MB/s per core, peak RSS (/usr/bin/time -v);
#   - `cat` of the same files as the floor.
# Usage: benches/run.sh [WORKDIR]   (default: a new temporary directory, removed at the end)
# Env: SIZES="100 1000 10000" FORMATS="txt docx" STARTUP_RUNS=200 JOBS="1 2"
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100 1000 10000"}
FORMATS=${FORMATS:-"txt docx"}
STARTUP_RUNS=${STARTUP_RUNS:-200}
JOBS=${JOBS:-"1 2"}
if [[ $# -ge 1 ]]; then
    WORK=$1
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time (apt-get install time)" >&2
    apt-get install -y time >/dev/null
fi

cargo build --release --quiet --bin gongkai --example corpus
BIN=target/release/gongkai
GEN=target/release/examples/corpus

echo "## Machine"
echo
echo "- cores: $(nproc); CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "- memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}'); kernel: $(uname -r)"
echo "- $(rustc --version); gongkai $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo

# ---------------------------------------------------------------- start-up
SAMPLE="tests/fixtures/sample/2023年度政府信息公开工作年度报告（草稿）.txt"
startup() { # args: label, command...; median/min/p90 of STARTUP_RUNS runs, in ms
    local label=$1
    shift
    if command -v python3 >/dev/null; then
        # Timed in-process: a shell loop adds a few milliseconds of its own per run.
        python3 - "$label" "$STARTUP_RUNS" "$@" <<'PY'
import subprocess, sys, time
label, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for _ in range(5):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ts = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
ts.sort()
print(f"| {label} | {ts[(n - 1) // 2]:.2f} | {ts[0]:.2f} | {ts[int(n * 0.9)]:.2f} | {n} |")
PY
        return
    fi
    local times=()
    for _ in 1 2 3 4 5; do "$@" >/dev/null 2>&1 || true; done # warm-up
    for _ in $(seq "$STARTUP_RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$STARTUP_RUNS" '
        { a[NR] = $1 }
        END { printf "| %s | %.2f | %.2f | %.2f | %d |\n", label, a[int((n + 1) / 2)] / 1000, a[1] / 1000, a[int(n * 0.9)] / 1000, n }'
}
echo "## Start-up (one small draft, ms)"
echo
echo "| command | median | min | p90 | runs |"
echo "|---|---|---|---|---|"
startup "gongkai --version" "$BIN" --version
startup "gongkai rules list" "$BIN" rules list
startup "gongkai check sample.txt ($(stat -c %s "$SAMPLE") B)" "$BIN" check "$SAMPLE"
startup "gongkai check --format json sample.txt" "$BIN" check --format json "$SAMPLE"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 10 --runs "$STARTUP_RUNS" -i "$BIN check '$SAMPLE'" >&2
fi
echo

# ---------------------------------------------------------------- batches
measure() { # args: label files bytes jobs command...; prints one table row
    local label=$1 files=$2 bytes=$3 jobs=$4
    shift 4
    local log="$WORK/time.log"
    /usr/bin/time -o "$log" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    read -r wall user sys rss < <(tail -1 "$log")
    awk -v l="$label" -v f="$files" -v b="$bytes" -v j="$jobs" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        if (w <= 0) w = 0.005
        cpu = u + s
        printf "| %s | %d | %.1f | %s | %.2f | %.2f | %.0f | %.1f | %.1f | %.1f |\n",
            l, f, b / 1e6, j, w, cpu, f / w, b / 1e6 / w, (b / 1e6 / w) / j, r / 1024 }'
}

echo "## Batches"
echo
echo "Each row is one run of \`gongkai check --format json DIR > /dev/null\` (the exit code is 1: the corpus has seeded defects) after a warm-up read of the files; MB/s counts input bytes; *per core* divides by --jobs."
echo
echo "| run | files | MB | jobs | wall s | CPU s | files/s | MB/s | MB/s per core | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for fmt in $FORMATS; do
    for n in $SIZES; do
        dir="$WORK/$fmt-$n"
        if [[ ! -f "$dir/manifest.jsonl" ]]; then
            "$GEN" --out "$dir" --count "$n" --seed 2024 --defects 0.2 --formats "$fmt" >/dev/null 2>&1
        fi
        bytes=$(find "$dir" -name "*.$fmt" -printf '%s\n' | awk '{s += $1} END {print s}')
        find "$dir" -name "*.$fmt" -print0 | xargs -0 cat >/dev/null # page cache
        measure "cat (floor) $fmt" "$n" "$bytes" 1 sh -c "find '$dir' -name '*.$fmt' -print0 | xargs -0 cat"
        for j in $JOBS; do
            measure "gongkai $fmt" "$n" "$bytes" "$j" "$BIN" check --format json --jobs "$j" "$dir"
        done
    done
done
echo
echo "Real reports: the text renderings of tests/fixtures/real/text and the five seeds, copied round-robin to 1,000 files (a real report is longer than a generated draft: 10.6 KB on average):"
echo
echo "| run | files | MB | jobs | wall s | CPU s | files/s | MB/s | MB/s per core | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
dir="$WORK/real-1000"
if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir"
    real=(tests/fixtures/real/text/*.txt tests/fixtures/seeds/*.txt)
    for i in $(seq 0 999); do
        f=${real[$((i % ${#real[@]}))]}
        cp "$f" "$dir/$(printf %04d "$i")-$(basename "$f")"
    done
fi
bytes=$(find "$dir" -name "*.txt" -printf '%s\n' | awk '{s += $1} END {print s}')
find "$dir" -name "*.txt" -print0 | xargs -0 cat >/dev/null
for j in $JOBS; do
    measure "gongkai real txt" 1000 "$bytes" "$j" "$BIN" check --format json --jobs "$j" "$dir"
done
echo
echo "Human output (default format), 1,000 .txt drafts:"
echo
echo "| run | files | MB | jobs | wall s | CPU s | files/s | MB/s | MB/s per core | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
dir="$WORK/txt-1000"
if [[ -d "$dir" ]]; then
    bytes=$(find "$dir" -name "*.txt" -printf '%s\n' | awk '{s += $1} END {print s}')
    for j in $JOBS; do
        measure "gongkai txt (human)" 1000 "$bytes" "$j" "$BIN" check --jobs "$j" "$dir"
    done
fi
