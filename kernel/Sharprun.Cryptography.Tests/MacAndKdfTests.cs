using System.Security.Cryptography;
using System.Text;
using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Tests;

public class MacAndKdfTests
{
    public static TheoryData<string, string, string, string> HmacVectors => new()
    {
        // RFC 4231 test cases 1, 2, 6 (key longer than the block), 7.
        { "SHA256", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "SHA384", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6" },
        { "SHA512", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
        { "SHA256", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "SHA256", new string('a', 262), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "SHA512", new string('a', 262), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
        // RFC 2202 HMAC-SHA1 test cases 1, 2, 6.
        { "SHA1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b617318655057264e28bc0b6fb378c8ef146be00" },
        { "SHA1", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
        { "SHA1", new string('a', 160), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
        // RFC 2202 HMAC-MD5 test case 2.
        { "MD5", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "750c783e6ab0b503eaa86e310a5db738" },
    };

    [Theory]
    [MemberData(nameof(HmacVectors))]
    public void Hmac_known_answers(string algorithm, string key, string data, string expected)
    {
        var digest = DigestAlgorithm.FromName(algorithm)!;
        var mac = new byte[digest.HashSize];
        Hmac.Compute(digest, Hex.Bytes(key), Hex.Bytes(data), mac);
        Assert.Equal(expected, Hex.Of(mac));
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Hmac_matches_the_host_incrementally(string algorithm)
    {
        var random = new System.Random(17);
        var name = new HashAlgorithmName(algorithm);
        for (int trial = 0; trial < 100; trial++)
        {
            var key = new byte[random.Next(0, 200)];
            var data = new byte[random.Next(0, 500)];
            random.NextBytes(key);
            random.NextBytes(data);
            using var host = IncrementalHash.CreateHMAC(name, key);
            host.AppendData(data);
            var hmac = new Hmac(DigestAlgorithm.FromName(algorithm)!, key);
            int half = data.Length / 2;
            hmac.Append(data.AsSpan(0, half));
            var copy = hmac.Clone();
            hmac.Append(data.AsSpan(half));
            copy.Append(data.AsSpan(half));
            var mac = new byte[hmac.HashSize];
            hmac.Finish(mac);
            Assert.Equal(Hex.Of(host.GetHashAndReset()), Hex.Of(mac));
            var copied = new byte[hmac.HashSize];
            copy.Finish(copied);
            Assert.Equal(mac, copied);
            hmac.Reset();
            hmac.Append(data);
            hmac.Finish(copied);
            Assert.Equal(mac, copied);
        }
    }

    // RFC 6070 cases 1–4 and 5 (long password and salt), and a published PBKDF2-HMAC-SHA256 vector.
    [Theory]
    [InlineData("SHA1", "password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6")]
    [InlineData("SHA1", "password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")]
    [InlineData("SHA1", "password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1")]
    [InlineData("SHA1", "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038")]
    [InlineData("SHA256", "password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")]
    [InlineData("SHA256", "password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")]
    public void Pbkdf2_known_answers(string algorithm, string password, string salt, int iterations, int length, string expected)
    {
        var output = new byte[length];
        Pbkdf2.Derive(DigestAlgorithm.FromName(algorithm)!, Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), iterations, output);
        Assert.Equal(expected, Hex.Of(output));
    }

    [Fact]
    public void Pbkdf2_matches_the_host()
    {
        var random = new System.Random(5);
        foreach (var name in new[] { HashAlgorithmName.SHA1, HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512 })
        {
            var password = new byte[random.Next(0, 100)];
            var salt = new byte[random.Next(0, 40)];
            random.NextBytes(password);
            random.NextBytes(salt);
            int length = random.Next(1, 150);
            var output = new byte[length];
            Pbkdf2.Derive(DigestAlgorithm.FromName(name.Name!)!, password, salt, 37, output);
            Assert.Equal(Hex.Of(Rfc2898DeriveBytes.Pbkdf2(password, salt, 37, name, length)), Hex.Of(output));
        }
    }

    // RFC 5869 A.1 and A.3 (no salt, no info).
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")]
    public void Hkdf_known_answers(string ikm, string salt, string info, int length, string expectedPrk, string expectedOkm)
    {
        var prk = new byte[32];
        Hkdf.Extract(DigestAlgorithm.Sha256, Hex.Bytes(ikm), Hex.Bytes(salt), prk);
        Assert.Equal(expectedPrk, Hex.Of(prk));
        var okm = new byte[length];
        Assert.True(Hkdf.Expand(DigestAlgorithm.Sha256, prk, Hex.Bytes(info), okm));
        Assert.Equal(expectedOkm, Hex.Of(okm));
        Assert.True(Hkdf.DeriveKey(DigestAlgorithm.Sha256, Hex.Bytes(ikm), Hex.Bytes(salt), Hex.Bytes(info), okm));
        Assert.Equal(expectedOkm, Hex.Of(okm));
    }

    [Fact]
    public void Hkdf_refuses_more_than_255_blocks() =>
        Assert.False(Hkdf.Expand(DigestAlgorithm.Sha256, new byte[32], [], new byte[255 * 32 + 1]));

    [Fact]
    public void Hkdf_info_may_lie_in_the_output()
    {
        var buffer = new byte[80];
        new System.Random(3).NextBytes(buffer);
        var info = buffer.AsSpan(0, 20).ToArray();
        var expected = HKDF.Expand(HashAlgorithmName.SHA256, new byte[32], 80, info);
        Assert.True(Hkdf.Expand(DigestAlgorithm.Sha256, new byte[32], buffer.AsSpan(0, 20), buffer));
        Assert.Equal(Hex.Of(expected), Hex.Of(buffer));
    }
}
