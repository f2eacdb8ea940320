using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// The rig's Linux dom0 userland as shell scripts for busybox: <see cref="Init"/> (in the cached base initramfs)
/// brings up the Xen tools, then runs <c>/rig/run.sh</c> from the per-run archive, which calls <c>run_guest</c> for
/// each guest in turn. Everything the host needs comes back as lines starting with <see cref="RecordPrefix"/>:
/// <list type="bullet">
/// <item><c>ready</c> (tools up), <c>done</c> (all guests ran; dom0 reboots, which ends QEMU);</item>
/// <item><c>first-output NAME SECONDS</c>: time from <c>xl create</c> until the console log matched the guest's pattern;</item>
/// <item><c>data NAME OFFSET COUNT BASE64</c>: COUNT bytes of the guest's console log from byte OFFSET on (<see cref="XenConsoleFrame"/>),
/// sent while the guest runs: dom0 polls the log xenconsoled writes and forwards what grew;</item>
/// <item><c>end NAME STATE REASON XENSTORE-STATE XENSTORE-EXIT-CODE BYTES</c> (<c>-</c> for what is missing; BYTES: the
/// console log's length, all of it forwarded before);</item>
/// <item><c>input NAME</c>: dom0 is ready for one more line of console input for the guest (<see cref="XenConsoleInput"/>);</item>
/// <item><c>error TEXT</c>: something failed in dom0.</item>
/// </list>
/// The guest's console never reaches dom0's console raw: encoded, it can neither forge records nor drive a terminal.
/// </summary>
public static class Dom0Script
{
    public const string RecordPrefix = "@@xen-rig ";

    public static string Init(IReadOnlyList<string> modules) => $$"""
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        export PATH=/bin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
        export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/usr/lib/xen-4.17/lib/x86_64-linux-gnu
        fail() { echo "{{RecordPrefix}}error $*"; reboot -f; }
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev
        mkdir -p /dev/pts /run/xen /var/run/xen /var/run/xenstored /var/lib/xen /var/log/xen/console /var/lock /tmp /etc/xen
        touch /etc/xen/xl.conf
        mount -t devpts devpts /dev/pts
        for m in {{string.Join(' ', modules)}}; do insmod /lib/modules/$m.ko || fail "insmod $m"; done
        mount -t xenfs xenfs /proc/xen || fail "mount xenfs"
        xenstored || fail "xenstored"
        xen-init-dom0 >/tmp/init-dom0.log 2>&1 || fail "xen-init-dom0: $(cat /tmp/init-dom0.log)"
        xenconsoled --log=guest --log-dir=/var/log/xen/console || fail "xenconsoled"
        now() { cut -d' ' -f1 /proc/uptime; }
        run_guest() {
            name=$1; pattern=$2; input=$3
            log=/var/log/xen/console/guest-$name.log
            start=$(now)
            sent=0
            xl create -q /rig/$name.cfg >/tmp/$name.xl 2>&1 || { echo "{{RecordPrefix}}error $name xl create failed: $(tr '\n' ' ' </tmp/$name.xl)"; return; }
            feeder=
            [ -n "$input" ] && connect_input
            seen=
            # The state is read before the log: whatever a guest wrote before it stopped is seen before the loop ends.
            while :; do
                state=$(xl list $name 2>/dev/null | tail -n 1 | awk '{ print $5 }')
                first_output
                forward
                case "$state" in ''|*s*|*c*) break;; esac
                # Each round costs dom0 tens of milliseconds of the one CPU under TCG (xl list above all), taken
                # from the guest whenever it is busy.
                sleep 0.25
            done
            reason=$(xl list -v $name 2>/dev/null | tail -n 1 | awk '{ print $8 }')
            id=$(xl domid $name 2>/dev/null)
            xsstate=$(xenstore-read /local/domain/$id/data/sharprun/state 2>/dev/null || echo -)
            xscode=$(xenstore-read /local/domain/$id/data/sharprun/exit-code 2>/dev/null || echo -)
            first_output
            forward
            [ -n "$feeder" ] && kill $feeder
            echo "{{RecordPrefix}}end $name ${state:--} ${reason:--} $xsstate $xscode $sent"
            xl destroy $name >/dev/null 2>&1
        }
        first_output() {
            if [ -z "$seen" ] && [ -f $log ] && grep -q "$pattern" $log; then
                seen=1
                echo "{{RecordPrefix}}first-output $name $(awk "BEGIN { print $(now) - $start }")"
            fi
        }
        # dom0's console input (what the host sends to QEMU's serial port, base64 lines) goes decoded to the guest's
        # console, through the pty xenconsoled opened for it; each "input NAME" lets the host send one more line.
        connect_input() {
            id=$(xl domid $name 2>/dev/null)
            tty=
            for i in $(seq 100); do
                tty=$(xenstore-read /local/domain/$id/console/tty 2>/dev/null) && [ -n "$tty" ] && break
                sleep 0.05
            done
            [ -n "$tty" ] || { echo "{{RecordPrefix}}error $name xenconsoled opened no console pty"; return; }
            stty raw -echo </dev/console
            feed_input </dev/console &
            feeder=$!
        }
        feed_input() {
            echo "{{RecordPrefix}}input $name"
            while IFS= read -r line; do
                printf '%s\n' "$line" | base64 -d >$tty 2>/dev/null || echo "{{RecordPrefix}}error bad input line for $name"
                echo "{{RecordPrefix}}input $name"
            done
        }
        # Sends what the console log gained since byte $sent, {{XenConsoleFrame.PayloadBytes}} bytes a line, each with its offset and count.
        forward() {
            size=$(stat -c %s $log 2>/dev/null || echo 0)
            [ "$size" -gt "$sent" ] || return 0
            tail -c +$((sent + 1)) $log | head -c $((size - sent)) | base64 -w {{XenConsoleFrame.PayloadBytes / 3 * 4}} |
                awk -v p="{{RecordPrefix}}data $name" -v o=$sent -v n=$((size - sent)) \
                    '{ d = (NR - 1) * {{XenConsoleFrame.PayloadBytes}}; c = n - d; if (c > {{XenConsoleFrame.PayloadBytes}}) c = {{XenConsoleFrame.PayloadBytes}}; print p, o + d, c, $0 }'
            sent=$size
        }
        echo "{{RecordPrefix}}ready"
        . /rig/run.sh
        echo "{{RecordPrefix}}done"
        reboot -f
        """.Replace("\r\n", "\n") + "\n";

    /// <summary>The per-run script: one <c>run_guest</c> call per guest.</summary>
    public static string Run(IReadOnlyList<XenGuest> guests)
    {
        var text = new StringBuilder();
        foreach (var guest in guests)
        {
            // The console multiplexer starts application lines with RS 'o'.
            string pattern = guest.FirstOutputPattern ?? "$(printf '\\036')o";
            text.Append("run_guest ").Append(guest.Name).Append(" \"").Append(pattern).Append('"');
            if (guest.Input)
                text.Append(" input");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The xl configuration of a guest: PVH, one vCPU of the highest weight, kept after shutdown so dom0 can read its xenstore.</summary>
    public static string Configuration(XenGuest guest, string kernelPath, string? ramdiskPath)
    {
        var text = new StringBuilder();
        text.Append("name = ").Append(Quote(guest.Name)).Append('\n');
        text.Append("type = \"pvh\"\n");
        text.Append("kernel = ").Append(Quote(kernelPath)).Append('\n');
        if (ramdiskPath is not null)
            text.Append("ramdisk = ").Append(Quote(ramdiskPath)).Append('\n');
        text.Append("cmdline = ").Append(Quote(guest.CommandLine)).Append('\n');
        text.Append("memory = ").Append(guest.MemoryMiB.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("vcpus = 1\n");
        // Credit2 lets a waking vCPU preempt the running one only when it has more credit left. Under TCG dom0's
        // toolstack work costs it tens of ms of the one CPU, and a guest that just burnt credit starting up waited
        // behind it to the end of dom0's 10 ms slice: timers 10-15 ms late. The highest weight makes the guest burn
        // credit far slower than dom0, so its timer interrupts preempt dom0 at once (dom0 still runs whenever the
        // guest blocks, which is what its polling and console work need).
        text.Append("cpu_weight = 65535\n");
        // Xen traps every rdtsc of a guest whose TSC is not invariant (qemu64's is not), which makes each clock
        // read cost 100-180 us and timers late by milliseconds. Native: the guest reads the TSC itself (the guest
        // never migrates, which is what emulation would protect).
        text.Append("tsc_mode = \"native\"\n");
        text.Append("on_poweroff = \"preserve\"\non_reboot = \"preserve\"\non_crash = \"preserve\"\n");
        return text.ToString();
    }

    /// <summary>An xl configuration string: double quotes, with backslash escapes for '"' and '\' (libxlu dequotes them).</summary>
    public static string Quote(string value)
    {
        if (value.Any(c => c is '\n' or '\r' or '\0'))
            throw new System.ArgumentException("a Xen guest's configuration value cannot hold line breaks or NUL");
        return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
