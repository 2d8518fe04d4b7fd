#!/usr/bin/env bash
# run.sh [SECONDS] [BUILD-DIR]: builds the fuzz targets if needed (clang, -DRD_FUZZ=ON, no Qt) and runs each
# for SECONDS (default 30) on a fresh copy of the seed corpus. Prints execs, exec/s and coverage per target;
# exits non-zero if any target crashed, broke a property, leaked, ran out of memory or timed out, and says
# where the input is and how to rerun it. CI calls it as a smoke after the normal tests.
#
# Environment: RD_FUZZ_KEEP_CORPUS=1 starts from the corpus the last run left (default: from the seeds only);
# CXX picks the compiler of a new build directory (default clang++).
set -uo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${2:-$root/build-fuzz}"
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
here="$root/tests/fuzz"

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: tests/fuzz/run.sh [SECONDS] [BUILD-DIR]" >&2
    exit 2
fi

# target  max_len  dictionary. max_len: a route document of a few dozen elements, or two of them, fits; longer
# inputs only slow every execution down without reaching new code (size-bound problems have benchmarks).
targets=(
    "fuzz-route-import 16384 route-import"
    "fuzz-api-response 8192 api-response"
    "fuzz-route-diff 16384 route-diff"
    "fuzz-route-engine 16384 route-engine"
)
# Seconds one input may take before it counts as a hang. Inputs take well under 100 ms; this leaves room for
# a loaded CI machine and still catches anything super-linear at max_len.
per_input_timeout=10

# --- build
if [ ! -f "$build/CMakeCache.txt" ]; then
    launcher=()
    if command -v ccache >/dev/null 2>&1; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    echo "fuzz: configuring $build"
    mkdir -p "$build"
    CXX="${CXX:-clang++}" cmake -S "$root" -B "$build" -G Ninja -DRD_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "${launcher[@]}" >"$build/fuzz-configure.log" 2>&1 || {
        tail -n 40 "$build/fuzz-configure.log" >&2
        rm -f "$build/CMakeCache.txt" # so that the next run configures again instead of building half a tree
        echo "fuzz: configuring failed (it needs clang and libclang-rt-14-dev: bash .ci/deps)" >&2
        exit 2
    }
elif ! grep -q '^RD_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
    echo "fuzz: $build is not a fuzz build (RD_FUZZ is not ON there); give another directory" >&2
    exit 2
fi
names=()
for t in "${targets[@]}"; do
    read -r name _ <<<"$t"
    names+=("$name")
done
echo "fuzz: building ${names[*]}"
if ! cmake --build "$build" --target "${names[@]}" >"$build/fuzz-build.log" 2>&1; then
    tail -n 40 "$build/fuzz-build.log" >&2
    echo "fuzz: build failed; the whole log is $build/fuzz-build.log" >&2
    exit 2
fi

# --- corpus
out="$build/fuzz"
# A seed folder gathered halfway would let a target run "clean" on almost nothing: stop instead.
if ! "$here/gather-seeds.sh" "$out/seeds" >/dev/null; then
    echo "fuzz: gathering the seed corpus failed (tests/fuzz/gather-seeds.sh $out/seeds says why)" >&2
    exit 2
fi

# Readable stack traces need llvm-symbolizer (Debian: llvm-14); ASan looks for it on PATH only.
symbolizer="$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)"
[ -z "$symbolizer" ] && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
if [ -n "$symbolizer" ]; then
    export ASAN_SYMBOLIZER_PATH="$symbolizer"
fi
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# --- run
failed=0
summary=()
reports=()
for t in "${targets[@]}"; do
    read -r name max_len dict <<<"$t"
    corpus="$out/corpus/$name"
    findings="$out/findings/$name"
    log="$out/logs/$name.log"
    if [ "${RD_FUZZ_KEEP_CORPUS:-0}" != 1 ]; then
        rm -rf "$corpus"
    fi
    rm -rf "$findings"
    mkdir -p "$corpus" "$findings" "$out/logs"
    # The run works on a copy: the seeds stay as gathered, new inputs go to the corpus directory.
    cp -n "$out/seeds/$dict/"* "$corpus/" 2>/dev/null || true

    echo "fuzz: $name for ${seconds}s"
    "$build/fuzz/$name" "$corpus" -max_total_time="$seconds" -print_final_stats=1 -max_len="$max_len" \
        -timeout="$per_input_timeout" -rss_limit_mb=2048 -dict="$here/dict/$dict.dict" \
        -artifact_prefix="$findings/" >"$log" 2>&1
    rc=$?

    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)"
    cov="$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[^ ]*' "$log" | tail -n 1)"
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
    line="$(printf '%-18s %10s execs %7s exec/s  %-40s rss %s MB' "$name" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "${rss:-?}")"

    if [ "$rc" -eq 0 ] && [ -z "$artifact" ]; then
        summary+=("ok    $line")
        continue
    fi
    failed=1
    kind="crash"
    case "$(basename "${artifact:-none}")" in
    leak-*) kind="leak" ;;
    timeout-*) kind="timeout" ;;
    oom-*) kind="out of memory" ;;
    slow-unit-*) kind="slow input" ;;
    esac
    summary+=("FAIL  $line  ($kind)")
    reason="$(grep -m 1 -E '^==== FUZZ PROPERTY BROKEN|^SUMMARY: |ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|ALARM:' "$log")"
    reports+=("$name: $kind: ${reason:-exit status $rc}
    input:     ${artifact:-none written (see the log)}
    reproduce: UBSAN_OPTIONS=print_stacktrace=1 $build/fuzz/$name -timeout=$per_input_timeout -rss_limit_mb=2048 ${artifact:-<input>}
    log:       $log")
done

echo
echo "fuzz: ${seconds}s per target"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo
    for r in "${reports[@]}"; do
        echo "$r"
        echo
    done
    echo "fuzz: FAILED. Copy an input you keep to tests/fuzz/crashes-found/<target>/ with a note of the bug."
    exit 1
fi
echo "fuzz: all targets ran clean"
