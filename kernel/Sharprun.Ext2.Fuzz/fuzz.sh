#!/usr/bin/env bash
# Fuzzes the ext2 faction with hostile disk images (see README.md). Not part of test.sh or CI.
#   fuzz.sh --random N [--seed S] [--workers W]   images 0..N-1, in-process, on W threads (default: one per core)
#   fuzz.sh --seconds T [--seed S]                as many images as fit in T seconds (with --random: whichever first)
#   fuzz.sh --afl [--seconds T] [--seed S]        AFL++ over SharpFuzz (default: 120 s)
#   fuzz.sh --replay FILE...                      runs saved images (.img.gz or .img) once each
# Seeds, builds and findings go to artifacts/fuzz-ext2/ at the repository's top.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/artifacts/fuzz-ext2"
mode="" count="" seconds="" seed=1 workers="$(nproc)"
replay=()
while [ $# -gt 0 ]; do
    case "$1" in
        --random) mode=random; count="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --workers) workers="$2"; shift 2 ;;
        --afl) mode=afl; shift ;;
        --replay) mode=replay; shift; replay=("$@"); break ;;
        *) sed -n '2,7p' "$0"; exit 2 ;;
    esac
done
[ -z "$mode" ] && [ -n "$seconds" ] && mode=random
[ -n "$mode" ] || { sed -n '2,7p' "$0"; exit 2; }
mkdir -p "$work"

publish() {  # publish DIR: a fresh Release build of the harness with its dependencies (never over an instrumented one)
    rm -rf "$1"
    dotnet publish "$here/Sharprun.Ext2.Fuzz.csproj" -c Release -o "$1" -v q -nologo >"$work/publish.log" 2>&1 \
        || { cat "$work/publish.log"; exit 1; }
}
if [ "$mode" = afl ]; then
    build="$work/afl"
else
    build="$work/plain"
fi
publish "$build"
harness=(dotnet "$build/Sharprun.Ext2.Fuzz.dll")
if [ "$mode" = replay ]; then
    exec "${harness[@]}" replay "${replay[@]}"
fi

if [ ! -x /usr/sbin/mke2fs ] || [ ! -x /usr/sbin/e2fsck ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends e2fsprogs >/dev/null
fi

# The seeds: a tree with what each parser needs to see (a directory big enough for a dir_index hash tree, a file
# past the single-indirect range at 1 KiB blocks, a sparse file reaching triple-indirect blocks at 1 KiB and
# double at 4 KiB, a fragmented file whose extent tree needs an index node, fast and slow symlinks, a hard link,
# a FIFO, empty files and directories), copied in by mke2fs -d. Fixed UUID, hash seed and times make the same bytes
# every run, so an image number names the same image; they are remade each run (a second), never committed.
seeds="$work/seeds"
rm -rf "$seeds"
tree="$seeds/tree"
mkdir -p "$tree/sub/deeper" "$tree/many" "$tree/empty-dir"
echo "hello, ext2" >"$tree/hello.txt"
echo "leaf" >"$tree/sub/deeper/leaf.txt"
seq 1 60000 >"$tree/big.txt"
ln "$tree/big.txt" "$tree/hard-link"
ln -s hello.txt "$tree/fast-link"
ln -s "$(printf 'a-long-component/%.0s' $(seq 1 6))target" "$tree/slow-link"
: >"$tree/empty"
mkfifo "$tree/fifo"
for i in $(seq 1 120); do : >"$tree/many/entry-with-a-longish-name-$i"; done
truncate -s 70M "$tree/sparse.bin"
for kib in 0 300 5200 70000; do
    printf 'data at %s KiB' "$kib" | dd of="$tree/sparse.bin" bs=1024 seek="$kib" conv=notrunc status=none
done
for i in $(seq 0 11); do printf 'chunk %s' "$i" | dd of="$tree/frag.bin" bs=4096 seek=$((i * 3)) conv=notrunc status=none; done
uuid=8f3c1e2a-5b6d-4e7f-9a0b-1c2d3e4f5a6b
# mke2fs -d copies the tree's times into the inodes (ctime too, which touch cannot set) and e2fsck -D's rehash
# reads directories (atime): debugfs sets them all last. e2fsck stamps the superblock with its own clock.
find "$tree" -exec touch -h -d @1600000000 {} +
export E2FSPROGS_FAKE_TIME=1600000000 E2FSCK_TIME=1600000000
(cd "$tree" && find . -mindepth 1 -printf '/%P\n'; echo /lost+found) \
    | awk '{ for (i = 0; i < 3; i++) printf "sif \"%s\" %s 1600000000\n", $0, substr("atimectimemtime", 5 * i + 1, 5) }' >"$seeds/times"
make_seed() {  # make_seed NAME SIZE MKE2FS-OPTIONS...: then e2fsck -D builds the hash trees mke2fs -d leaves out
    local image="$seeds/$1.img" size="$2"
    shift 2
    /usr/sbin/mke2fs -q -F -U "$uuid" -E "hash_seed=$uuid" -N 256 -d "$tree" "$@" "$image" "$size" 2>/dev/null
    /usr/sbin/e2fsck -fyD "$image" >/dev/null 2>&1 || true
    /usr/sbin/debugfs -w -f "$seeds/times" "$image" >/dev/null 2>&1
    /usr/sbin/e2fsck -fn "$image" >/dev/null 2>&1 || { echo "fuzz: seed $1 is not clean"; exit 1; }
}
make_seed ext2-1k-128 1M -t ext2 -b 1024 -I 128
make_seed ext2-1k-256 1M -t ext2 -b 1024 -I 256
make_seed ext2-4k-128 2M -t ext2 -b 4096 -I 128
make_seed ext2-4k-256 2M -t ext2 -b 4096 -I 256
make_seed ext4-1k 1M -t ext4 -b 1024 -O ^has_journal
make_seed ext4-4k 2M -t ext4 -b 4096 -O ^has_journal
make_seed ext4-1k-csum-seed 1M -t ext4 -b 1024 -O ^has_journal,metadata_csum_seed
make_seed ext4-1k-no-csum 1M -t ext4 -b 1024 -O ^has_journal,^metadata_csum,uninit_bg
rm -rf "$tree" "$seeds/times"

if [ "$mode" = afl ]; then
    if ! command -v afl-fuzz >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
    fi
    (cd "$here" && dotnet tool restore >/dev/null)
    # Only the faction is instrumented: coverage of the harness, the vfs and the BCL would be noise.
    (cd "$here" && dotnet tool run sharpfuzz "$build/Sharprun.Ext2.dll" >/dev/null)
    out="$work/afl-findings"
    corpus="$work/afl-corpus"
    rm -rf "$out" "$corpus"
    mkdir -p "$corpus"
    # One input per seed, untouched (see AflInput.cs); the top bit of byte 0 asks for checksum repair.
    for i in $(seq 0 7); do printf "\\x$(printf %02x $((i | 128)))" >"$corpus/seed-$i"; done
    export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
    started=$(date +%s)
    afl-fuzz -i "$corpus" -o "$out" -t 10000 -m none -s "$seed" -V "${seconds:-120}" \
        -- "${harness[@]}" afl "$seeds" >"$work/afl.log" 2>&1 \
        || { tail -30 "$work/afl.log"; echo "fuzz: afl-fuzz failed (log: $work/afl.log)"; exit 1; }
    stats="$out/default/fuzzer_stats"
    stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
    hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
    echo "time: $(( $(date +%s) - started )) s"
    echo "executions: $(stat execs_done) ($(stat execs_per_sec) /s)"
    echo "corpus: $(stat corpus_count) inputs, $(stat bitmap_cvg) of the map covered, stability $(stat stability)"
    echo "crashes: $crashes"
    echo "hangs: $hangs"
    echo "findings: $out/default (crashes/, hangs/ hold AFL inputs; \"${harness[*]} afl-decode $seeds FILE...\" writes"
    echo "  each one's image as FILE.img, to replay with: $0 --replay FILE.img)"
    [ "$crashes" -eq 0 ]
    exit
fi

findings="$work/findings"
inflight="$work/inflight"
rm -rf "$findings"
status=0
"${harness[@]}" random "${count:-9223372036854775807}" "${seconds:-1e9}" "$seeds" "$findings" "$inflight" "$seed" "$workers" || status=$?
if [ "$status" -gt 3 ]; then
    # Killed by what no catch sees (stack overflow, out of memory): save what each worker was running.
    echo "fuzz: the harness died (exit $status)"
    "${harness[@]}" save-inflight "$seeds" "$findings" "$inflight" "$seed"
fi
exit "$status"
