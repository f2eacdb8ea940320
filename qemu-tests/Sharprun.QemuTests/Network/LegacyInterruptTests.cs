using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Sharprun.QemuTests.Boot;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// A NIC without MSI-X: QEMU's virtio-net-pci with <c>vectors=0</c> has no MSI-X capability, so the kernel must take
/// its interrupts as INTx through the I/O APIC (the line the firmware routed, level-triggered, acknowledged by reading
/// the ISR status). The launcher always declares an MSI-X NIC, so the test runs <c>sharprun run</c> with a
/// <c>qemu-system-x86_64</c> wrapper first on PATH that rewrites the device and picks the machine: <c>pc</c> (i440fx,
/// configuration space through ports) and <c>q35</c> (ECAM from the MCFG table). Real clients on the host: curl, a
/// megabyte download and UDP echoes, every frame of them received on INTx.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LegacyInterruptTests
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(4);

    [Theory]
    [InlineData("pc")]
    [InlineData("q35")]
    public async Task ANicWithoutMsixIsServedThroughItsIntxLine(string machine)
    {
        using var wrapper = QemuWrapper.Create(machine);
        using var host = HostGreetingServer.Start();
        int http = RunningGuest.FreePort(), tcp = RunningGuest.FreePort(), udp = RunningGuest.FreePort(udp: true);
        string image = GuestImages.Get("services");
        using var guest = RunningGuest.StartThrough(["env", "PATH=" + wrapper.Directory + ":" + Environment.GetEnvironmentVariable("PATH")],
            "run", image, "-v", "--timeout", "300", "-m", "128",
            "-p", $"{http}:8080", "-p", $"{tcp}:7000", "-p", $"{udp}:7001/udp", "--", host.Port.ToString());
        guest.WaitForLine("ready", BootLimit);
        try
        {
            Assert.Matches(@"net: eth0 virtio-net 52:54:00:12:34:56 mtu \d+ link up \(INTx, IRQ \d+\)", guest.Error);
            Assert.Contains("host said: greetings from the host, you asked for /greeting\n", guest.Output);
            Assert.Equal("hello from the guest\n", Curl.Get($"http://127.0.0.1:{http}/hello"));

            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            byte[] large = await client.GetByteArrayAsync($"http://127.0.0.1:{http}/bytes?n={1 << 20}");
            Assert.Equal(PublishedServiceTests.Pattern(1 << 20), large);

            using (var datagrams = new UdpClient())
            {
                datagrams.Connect(IPAddress.Loopback, udp);
                byte[] message = Encoding.ASCII.GetBytes("datagram over INTx");
                var reply = datagrams.ReceiveAsync();
                await datagrams.SendAsync(message);
                // The first datagram may be lost before the guest's first reply on QEMU's user network; one more try.
                if (await Task.WhenAny(reply, Task.Delay(5000)) != reply)
                    await datagrams.SendAsync(message);
                Assert.Equal(message, (await reply.WaitAsync(TimeSpan.FromSeconds(10))).Buffer);
            }

            Assert.Equal("bye\n", Curl.Get($"http://127.0.0.1:{http}/quit?code=0"));
            Assert.Equal(0, guest.WaitForExit(TimeSpan.FromMinutes(1)));
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure}\n{guest}");
        }
    }

    /// <summary>A directory holding a qemu-system-x86_64 that runs the real one on another machine with an INTx-only NIC.</summary>
    private sealed class QemuWrapper : IDisposable
    {
        private QemuWrapper(string directory) => Directory = directory;

        public string Directory { get; }

        public static QemuWrapper Create(string machine)
        {
            string real = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, "qemu-system-x86_64"))
                .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("qemu-system-x86_64 is not on PATH");
            string directory = System.IO.Directory.CreateTempSubdirectory("sharprun-intx-").FullName;
            string script = Path.Combine(directory, "qemu-system-x86_64");
            File.WriteAllText(script, $$"""
                #!/bin/bash
                # The launcher's virtio-net-pci without MSI-X vectors, on machine {{machine}}.
                arguments=()
                for argument in "$@"; do
                    case "$argument" in
                        virtio-net-pci,*) argument="virtio-net-pci,vectors=0,${argument#virtio-net-pci,}" ;;
                    esac
                    arguments+=("$argument")
                done
                exec '{{real}}' -machine {{machine}} "${arguments[@]}"

                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new QemuWrapper(directory);
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
