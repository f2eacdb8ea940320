using System.Text;
using Sharprun.Vfs.Mounts;
using Xunit;

namespace Sharprun.Vfs.Tests;

public sealed class DiskMountRequestTests
{
    [Fact]
    public void EntriesAreReadParentsFirst()
    {
        var requests = DiskMountRequest.ParseList("1:/data/logs:ro,0:/data/"u8);
        Assert.Equal([new DiskMountRequest(0, "/data", false), new DiskMountRequest(1, "/data/logs", true)], requests);
    }

    [Fact]
    public void NoValueMountsNothing() => Assert.Empty(DiskMountRequest.ParseList(""u8));

    [Theory]
    [InlineData("/data", "expected DISK:PATH")]
    [InlineData("x:/data", "disk number")]
    [InlineData("16:/data", "disk number")]
    [InlineData("-1:/data", "disk number")]
    [InlineData("0:data", "absolute path")]
    [InlineData("0:/", "cannot be mounted at /")]
    [InlineData("0:/a/../b", "'..'")]
    [InlineData("0:/a//b", "empty")]
    [InlineData("0:/a:rw", "without ':'")]
    [InlineData("0:/a,0:/b", "disk 0 is mounted twice")]
    [InlineData("0:/a,1:/a/", "two disks are mounted at /a")]
    [InlineData("0:/a,", "expected DISK:PATH")]
    public void MalformedEntriesAreRefusedNamingThem(string value, string reason)
    {
        var error = Assert.Throws<FormatException>(() => DiskMountRequest.ParseList(Encoding.UTF8.GetBytes(value)));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith("fs.mounts: '", error.Message);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => DiskMountRequest.ParseList([(byte)'0', (byte)':', (byte)'/', 0xFF]));
        Assert.Contains("not UTF-8", error.Message);
    }

    [Fact]
    public void RandomBytesNeverEscapeAsAnythingButFormatErrors()
    {
        var random = new Random(14);
        byte[] alphabet = "0123456789:/,ro.a\0\xff"u8.ToArray();
        for (int round = 0; round < 20_000; round++)
        {
            var value = new byte[random.Next(0, 24)];
            for (int i = 0; i < value.Length; i++)
                value[i] = alphabet[random.Next(alphabet.Length)];
            try
            {
                foreach (var request in DiskMountRequest.ParseList(value))
                    Assert.StartsWith("/", request.Path);
            }
            catch (FormatException)
            {
            }
        }
    }
}
