#!/usr/bin/env bash
# The project's test command: host unit tests, then the tests that run the real CLI and boot images in QEMU.
# Ends with one summary line "N passed, N failed".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
for project in toolchain/Sharprun.Toolchain.Tests kernel/Sharprun.Kernel.Tests kernel/Sharprun.Cryptography.Tests kernel/Sharprun.Net.Tests kernel/Sharprun.Vfs.Tests kernel/Sharprun.Ext2.Tests hypercall-xen/Sharprun.Hypercall.Xen.Tests qemu-tests/Sharprun.QemuTests; do
    echo "== dotnet test $project"
    # A test still running after 15 minutes is reported by name and its test host stopped, instead of the run
    # waiting for CI's limit (the longest test waits a few minutes for the shared Xen rig boot).
    dotnet test "$project" -nologo --blame-hang-timeout 15m --blame-hang-dump-type none 2>&1 | tee -a "$log" || status=1
done

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
passed=0; failed=0; skipped=0
while IFS= read -r line; do
    [[ "$line" =~ Failed:\ +([0-9]+),\ +Passed:\ +([0-9]+),\ +Skipped:\ +([0-9]+) ]] || continue
    failed=$((failed + BASH_REMATCH[1])); passed=$((passed + BASH_REMATCH[2])); skipped=$((skipped + BASH_REMATCH[3]))
done < "$log"

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
