using System.Security.Cryptography;
using System.Text;
using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Tests;

public class DigestTests
{
    public static TheoryData<string, string, string> KnownAnswers => new()
    {
        // RFC 1321 §A.5
        { "MD5", "", "d41d8cd98f00b204e9800998ecf8427e" },
        { "MD5", "abc", "900150983cd24fb0d6963f7d28e17f72" },
        { "MD5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a" },
        // FIPS 180 examples (NIST CSRC example values)
        { "SHA1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
        { "SHA1", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
        { "SHA256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "SHA256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "SHA256", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "SHA384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
        { "SHA384", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039" },
        { "SHA512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
        { "SHA512", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Known_answers(string algorithm, string message, string expected)
    {
        Assert.Equal(expected, Hex.Of(DigestAlgorithm.FromName(algorithm)!.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Theory]
    [InlineData("SHA1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f")]
    [InlineData("SHA256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    public void A_million_as(string algorithm, string expected)
    {
        var digest = DigestAlgorithm.FromName(algorithm)!.Create();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (int i = 0; i < 1000; i++)
            digest.Append(chunk);
        var hash = new byte[digest.HashSize];
        digest.Finish(hash);
        Assert.Equal(expected, Hex.Of(hash));
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Matches_the_host_on_random_inputs_fed_in_random_pieces(string algorithm)
    {
        var random = new System.Random(algorithm.GetHashCode());
        var name = new HashAlgorithmName(algorithm);
        for (int trial = 0; trial < 200; trial++)
        {
            var data = new byte[random.Next(0, 700)];
            random.NextBytes(data);
            var digest = DigestAlgorithm.FromName(algorithm)!.Create();
            int offset = 0;
            while (offset < data.Length)
            {
                int piece = Math.Min(random.Next(0, 150), data.Length - offset);
                digest.Append(data.AsSpan(offset, piece));
                offset += piece;
            }
            var snapshot = digest.Clone();
            var hash = new byte[digest.HashSize];
            digest.Finish(hash);
            Assert.Equal(Hex.Of(HostHash(name, data)), Hex.Of(hash));
            var fromClone = new byte[digest.HashSize];
            snapshot.Finish(fromClone);
            Assert.Equal(hash, fromClone);
            digest.Reset();
            digest.Append(data);
            digest.Finish(hash);
            Assert.Equal(Hex.Of(HostHash(name, data)), Hex.Of(hash));
        }
    }

    private static byte[] HostHash(HashAlgorithmName name, byte[] data) => name.Name switch
    {
        "MD5" => MD5.HashData(data),
        "SHA1" => SHA1.HashData(data),
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };
}
