#!/usr/bin/env bash
# Fuzzes the network faction's whole receive path (see README.md). Not part of test.sh or CI.
#   fuzz.sh [--seconds S | --execs N | --frames N] [--seed S]   AFL++ over SharpFuzz (default: --seconds 120)
#   fuzz.sh --random N [--seed S]                              in-process mutational fuzzer, N frames, no AFL
#   fuzz.sh --replay FILE...                                   runs saved inputs once each
# Findings and builds go to artifacts/fuzz-net/ at the repository's top.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/artifacts/fuzz-net"
mode=afl seconds=120 execs="" frames="" random_frames="" seed=1
replay=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --execs) execs="$2"; shift 2 ;;
        --frames) frames="$2"; shift 2 ;;
        --random) mode=random; random_frames="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --replay) mode=replay; shift; replay=("$@"); break ;;
        *) sed -n '2,6p' "$0"; exit 2 ;;
    esac
done
mkdir -p "$work"

publish() {  # publish DIR: a fresh Release build of the harness with its dependencies (never over an instrumented one)
    rm -rf "$1"
    dotnet publish "$here/Sharprun.Net.Fuzz.csproj" -c Release -o "$1" -v q -nologo >"$work/publish.log" 2>&1 \
        || { cat "$work/publish.log"; exit 1; }
}

if [ "$mode" = random ] || [ "$mode" = replay ]; then
    publish "$work/plain"
    if [ "$mode" = replay ]; then
        exec dotnet "$work/plain/Sharprun.Net.Fuzz.dll" replay "${replay[@]}"
    fi
    rm -rf "$work/random-findings"
    exec dotnet "$work/plain/Sharprun.Net.Fuzz.dll" random "$random_frames" "$here/corpus" "$work/random-findings" "$seed"
fi

# AFL++ mode: the engine from Debian, SharpFuzz's instrumenter from the local tool manifest.
if ! command -v afl-fuzz >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
(cd "$here" && dotnet tool restore >/dev/null)
publish "$work/afl"
# Only the faction is instrumented: coverage of the harness and the BCL would be noise.
(cd "$here" && dotnet tool run sharpfuzz "$work/afl/Sharprun.Net.dll" >/dev/null)

counters="$work/counters"
out="$work/afl-findings"
seeds="$work/seeds"
rm -rf "$counters" "$out" "$seeds"
mkdir -p "$counters" "$seeds"
find "$here/corpus" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$seeds/" \;
limits=()
[ -n "$execs" ] && limits=(-E "$execs")
[ -z "$execs" ] && [ -z "$frames" ] && limits=(-V "$seconds")

# Counter files hold two little-endian int64: inputs run, frames fed (one file per target process).
frames_fed() { cat "$counters"/*.count 2>/dev/null | od -An -v -t d8 -w16 | awk '{ i += $1; f += $2 } END { print f + 0 }'; }

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
started=$(date +%s)
afl-fuzz -i "$seeds" -o "$out" -t 5000 -m none -s "$seed" "${limits[@]}" \
    -- dotnet "$work/afl/Sharprun.Net.Fuzz.dll" afl "$counters" >"$work/afl.log" 2>&1 &
afl=$!
if [ -n "$frames" ]; then
    while kill -0 "$afl" 2>/dev/null && [ "$(frames_fed)" -lt "$frames" ]; do sleep 1; done
    kill -INT "$afl" 2>/dev/null || true
fi
wait "$afl" || { tail -30 "$work/afl.log"; echo "fuzz: afl-fuzz failed (log: $work/afl.log)"; exit 1; }

stats="$out/default/fuzzer_stats"
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
echo "time: $(( $(date +%s) - started )) s"
echo "executions: $(stat execs_done) ($(stat execs_per_sec) /s)"
echo "frames fed: $(frames_fed)"
echo "corpus: $(stat corpus_count) inputs, $(stat bitmap_cvg) of the map covered, stability $(stat stability)"
echo "crashes: $crashes"
echo "hangs: $hangs"
echo "findings: $out/default (crashes/, hangs/; replay one with: $0 --replay FILE)"
[ "$crashes" -eq 0 ]
