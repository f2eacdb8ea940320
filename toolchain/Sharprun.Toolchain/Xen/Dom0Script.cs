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
/// <item><c>console NAME</c>, then the guest's console log verbatim, then
/// <c>end NAME STATE REASON XENSTORE-STATE XENSTORE-EXIT-CODE</c> (<c>-</c> for what is missing);</item>
/// <item><c>error TEXT</c>: something failed in dom0.</item>
/// </list>
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
            name=$1; pattern=$2
            log=/var/log/xen/console/guest-$name.log
            start=$(now)
            xl create -q /rig/$name.cfg >/tmp/$name.xl 2>&1 || { echo "{{RecordPrefix}}error $name: xl create failed: $(tr '\n' ' ' </tmp/$name.xl)"; return; }
            seen=
            while :; do
                if [ -z "$seen" ] && [ -f $log ] && grep -q "$pattern" $log; then
                    seen=1
                    echo "{{RecordPrefix}}first-output $name $(awk "BEGIN { print $(now) - $start }")"
                fi
                state=$(xl list $name 2>/dev/null | tail -n 1 | awk '{ print $5 }')
                case "$state" in ''|*s*|*c*) break;; esac
                sleep 0.05
            done
            reason=$(xl list -v $name 2>/dev/null | tail -n 1 | awk '{ print $8 }')
            id=$(xl domid $name 2>/dev/null)
            xsstate=$(xenstore-read /local/domain/$id/data/sharprun/state 2>/dev/null || echo -)
            xscode=$(xenstore-read /local/domain/$id/data/sharprun/exit-code 2>/dev/null || echo -)
            echo "{{RecordPrefix}}console $name"
            [ -f $log ] && cat $log
            echo
            echo "{{RecordPrefix}}end $name ${state:--} ${reason:--} $xsstate $xscode"
            xl destroy $name >/dev/null 2>&1
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
            text.Append("run_guest ").Append(guest.Name).Append(" \"").Append(pattern).Append("\"\n");
        }
        return text.ToString();
    }

    /// <summary>The xl configuration of a guest: PVH, one vCPU, kept after shutdown so dom0 can read its xenstore.</summary>
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
