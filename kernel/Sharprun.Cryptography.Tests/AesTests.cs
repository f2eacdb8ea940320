using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Tests;

public class AesTests
{
    private const string Sp80038aKey = "2b7e151628aed2a6abf7158809cf4f3c";
    private const string Sp80038aIv = "000102030405060708090a0b0c0d0e0f";
    private const string Sp80038aPlaintext = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    public static IEnumerable<object[]> Implementations()
    {
        yield return [new Func<byte[], AesBlockCipher>(key => new PortableAesBlockCipher(key))];
        if (AesNiBlockCipher.IsSupported)
            yield return [new Func<byte[], AesBlockCipher>(key => new AesNiBlockCipher(key))];
    }

    [Fact]
    public void The_host_has_aes_ni_so_both_paths_are_tested() => Assert.True(AesNiBlockCipher.IsSupported);

    // FIPS 197 Appendix C.1–C.3.
    [Theory]
    [MemberData(nameof(Implementations))]
    public void Fips197_known_answers(Func<byte[], AesBlockCipher> create)
    {
        var plaintext = Hex.Bytes("00112233445566778899aabbccddeeff");
        foreach (var (key, expected) in new[]
        {
            ("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"),
            ("000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"),
            ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089"),
        })
        {
            var cipher = create(Hex.Bytes(key));
            var block = new byte[16];
            cipher.EncryptBlock(plaintext, block);
            Assert.Equal(expected, Hex.Of(block));
            cipher.DecryptBlock(block, block);
            Assert.Equal(plaintext, block);
        }
    }

    // SP 800-38A F.1.1 (ECB), F.2.1 (CBC), F.3.7 (CFB8, first 18 bytes), F.3.13 (CFB128).
    [Theory]
    [InlineData("ecb", Sp80038aPlaintext, "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4")]
    [InlineData("cbc", Sp80038aPlaintext, "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7")]
    [InlineData("cfb8", "6bc1bee22e409f96e93d7e117393172aae2d", "3b79424c9c0dd436bace9e0ed4586a4f32b9")]
    [InlineData("cfb128", Sp80038aPlaintext, "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6")]
    public void Sp800_38a_known_answers(string mode, string plaintext, string ciphertext)
    {
        var algorithm = mode switch
        {
            "ecb" => CipherAlgorithm.Aes128Ecb,
            "cbc" => CipherAlgorithm.Aes128Cbc,
            "cfb8" => CipherAlgorithm.Aes128Cfb8,
            _ => CipherAlgorithm.Aes128Cfb128,
        };
        Assert.Equal(ciphertext, Hex.Of(Run(algorithm, encrypt: true, Hex.Bytes(plaintext), padding: false, pieces: 1)));
        Assert.Equal(plaintext, Hex.Of(Run(algorithm, encrypt: false, Hex.Bytes(ciphertext), padding: false, pieces: 3)));
    }

    [Fact]
    public void Padding_on_is_pkcs7_and_bad_padding_fails()
    {
        var data = new byte[21];
        var encrypted = Run(CipherAlgorithm.Aes128Cbc, encrypt: true, data, padding: true, pieces: 2);
        Assert.Equal(32, encrypted.Length);
        Assert.Equal(data, Run(CipherAlgorithm.Aes128Cbc, encrypt: false, encrypted, padding: true, pieces: 2));
        encrypted[^1] ^= 1;
        var context = Context(CipherAlgorithm.Aes128Cbc, encrypt: false);
        var output = new byte[64];
        Assert.True(context.Update(encrypted, output, true, out _));
        Assert.False(context.Final(output, out _));
    }

    [Fact]
    public void Without_padding_a_partial_block_fails_at_final()
    {
        var context = Context(CipherAlgorithm.Aes128Ecb, encrypt: true);
        context.SetPadding(false);
        var output = new byte[64];
        Assert.True(context.Update(new byte[20], output, true, out int written));
        Assert.Equal(16, written);
        Assert.False(context.Final(output, out _));
    }

    internal static CipherContext Context(CipherAlgorithm algorithm, bool encrypt)
    {
        var context = algorithm.CreateContext();
        Assert.True(context.SetKeyAndIv(Hex.Bytes(Sp80038aKey), true, Hex.Bytes(Sp80038aIv).AsSpan(0, context.IvLength), true, encrypt ? 1 : 0));
        return context;
    }

    internal static byte[] Run(CipherAlgorithm algorithm, bool encrypt, byte[] input, bool padding, int pieces)
    {
        var context = Context(algorithm, encrypt);
        context.SetPadding(padding);
        var output = new byte[input.Length + 32];
        int total = 0;
        int pieceLength = (input.Length + pieces - 1) / pieces;
        for (int offset = 0; offset < input.Length; offset += pieceLength)
        {
            var piece = input.AsSpan(offset, Math.Min(pieceLength, input.Length - offset));
            Assert.True(context.Update(piece, output.AsSpan(total), true, out int written));
            total += written;
        }
        Assert.True(context.Final(output.AsSpan(total), out int last));
        return output.AsSpan(0, total + last).ToArray();
    }
}
