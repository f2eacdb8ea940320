using System.Security.Cryptography;
using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;
using HostCipherMode = System.Security.Cryptography.CipherMode;

namespace Sharprun.Cryptography.Tests;

/// <summary>The host's System.Security.Cryptography (OpenSSL) as the reference on random keys, IVs and data.</summary>
public class HostDifferentialTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void Block_ciphers_match_the_host_on_both_paths(int keySize)
    {
        var random = new System.Random(keySize);
        for (int trial = 0; trial < 50; trial++)
        {
            var key = Bytes(random, keySize);
            var block = Bytes(random, 16);
            using var host = Aes.Create();
            host.Key = key;
            var expected = host.EncryptEcb(block, PaddingMode.None);
            var portable = new PortableAesBlockCipher(key);
            var ni = new AesNiBlockCipher(key);
            var output = new byte[16];
            portable.EncryptBlock(block, output);
            Assert.Equal(expected, output);
            ni.EncryptBlock(block, output);
            Assert.Equal(expected, output);
            portable.DecryptBlock(expected, output);
            Assert.Equal(block, output);
            ni.DecryptBlock(expected, output);
            Assert.Equal(block, output);
        }
    }

    [Theory]
    [InlineData(HostCipherMode.ECB, 8)]
    [InlineData(HostCipherMode.CBC, 8)]
    [InlineData(HostCipherMode.CFB, 8)]
    [InlineData(HostCipherMode.CFB, 128)]
    public void Modes_match_the_host(HostCipherMode mode, int feedbackBits)
    {
        var random = new System.Random((int)mode * 1000 + feedbackBits);
        foreach (int keySize in new[] { 16, 24, 32 })
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var key = Bytes(random, keySize);
                var iv = Bytes(random, 16);
                int length = mode == HostCipherMode.CFB && feedbackBits == 8 ? random.Next(0, 300) : 16 * random.Next(0, 20);
                var data = Bytes(random, length);
                using var host = Aes.Create();
                host.Key = key;
                var expected = mode switch
                {
                    HostCipherMode.ECB => host.EncryptEcb(data, PaddingMode.None),
                    HostCipherMode.CBC => host.EncryptCbc(data, iv, PaddingMode.None),
                    _ => host.EncryptCfb(data, iv, PaddingMode.None, feedbackBits),
                };
                var algorithm = Algorithm(mode, feedbackBits, keySize);
                Assert.Equal(Hex.Of(expected), Hex.Of(Transform(algorithm, key, iv, data, encrypt: true, random)));
                Assert.Equal(Hex.Of(data), Hex.Of(Transform(algorithm, key, iv, expected, encrypt: false, random)));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gcm_matches_the_host(bool portable)
    {
        var random = new System.Random(portable ? 1 : 2);
        foreach (int keySize in new[] { 16, 24, 32 })
        {
            for (int trial = 0; trial < 40; trial++)
            {
                var key = Bytes(random, keySize);
                var nonce = Bytes(random, 12);
                var aad = Bytes(random, random.Next(0, 70));
                var plaintext = Bytes(random, random.Next(0, 300));
                int tagSize = random.Next(12, 17);
                var expectedCiphertext = new byte[plaintext.Length];
                var expectedTag = new byte[tagSize];
                using (var host = new AesGcm(key, tagSize))
                    host.Encrypt(nonce, plaintext, expectedCiphertext, expectedTag, aad);

                AesBlockCipher cipher = portable ? new PortableAesBlockCipher(key) : new AesNiBlockCipher(key);
                var gcm = new GcmCipher(cipher, portable ? h => new PortableGHash(h) : h => new ClmulGHash(h));
                gcm.Start(nonce);
                int split = random.Next(0, aad.Length + 1);
                gcm.AppendAssociatedData(aad.AsSpan(0, split));
                gcm.AppendAssociatedData(aad.AsSpan(split));
                var ciphertext = new byte[plaintext.Length];
                int cut = random.Next(0, plaintext.Length + 1);
                gcm.Encrypt(plaintext.AsSpan(0, cut), ciphertext.AsSpan(0, cut));
                gcm.Encrypt(plaintext.AsSpan(cut), ciphertext.AsSpan(cut));
                var tag = new byte[16];
                gcm.ComputeTag(tag);
                Assert.Equal(Hex.Of(expectedCiphertext), Hex.Of(ciphertext));
                Assert.Equal(Hex.Of(expectedTag), Hex.Of(tag.AsSpan(0, tagSize)));

                gcm.Start(nonce);
                gcm.AppendAssociatedData(aad);
                var decrypted = new byte[plaintext.Length];
                gcm.Decrypt(ciphertext, decrypted);
                Assert.True(gcm.VerifyTag(expectedTag));
                Assert.Equal(plaintext, decrypted);
            }
        }
    }

    [Fact]
    public void Ccm_matches_the_host()
    {
        var random = new System.Random(9);
        foreach (int keySize in new[] { 16, 24, 32 })
        {
            for (int trial = 0; trial < 40; trial++)
            {
                var key = Bytes(random, keySize);
                var nonce = Bytes(random, random.Next(7, 14));
                var aad = Bytes(random, random.Next(0, 70));
                var plaintext = Bytes(random, random.Next(0, 300));
                int tagSize = 4 + 2 * random.Next(0, 7);
                var expectedCiphertext = new byte[plaintext.Length];
                var expectedTag = new byte[tagSize];
                using (var host = new AesCcm(key))
                    host.Encrypt(nonce, plaintext, expectedCiphertext, expectedTag, aad);
                var cipher = AesBlockCipher.Create(key);
                var ciphertext = new byte[plaintext.Length];
                var tag = new byte[tagSize];
                CcmCipher.Seal(cipher, nonce, aad, plaintext, ciphertext, tag);
                Assert.Equal(Hex.Of(expectedCiphertext), Hex.Of(ciphertext));
                Assert.Equal(Hex.Of(expectedTag), Hex.Of(tag));
                var decrypted = new byte[plaintext.Length];
                Assert.True(CcmCipher.Open(cipher, nonce, aad, ciphertext, tag, decrypted));
                Assert.Equal(plaintext, decrypted);
            }
        }
    }

    private static byte[] Transform(CipherAlgorithm algorithm, byte[] key, byte[] iv, byte[] input, bool encrypt, System.Random random)
    {
        var context = algorithm.CreateContext();
        Assert.True(context.SetKeyAndIv(key, true, iv.AsSpan(0, context.IvLength), true, encrypt ? 1 : 0));
        context.SetPadding(false);
        var output = new byte[input.Length + 16];
        int total = 0;
        int offset = 0;
        // Pieces of whole blocks for ECB and CBC as the framework feeds them, any length for CFB.
        int unit = algorithm.Mode is Evp.CipherMode.Ecb or Evp.CipherMode.Cbc ? 16 : 1;
        while (offset < input.Length)
        {
            int piece = Math.Min(unit * random.Next(1, 5), input.Length - offset);
            Assert.True(context.Update(input.AsSpan(offset, piece), output.AsSpan(total), true, out int written));
            offset += piece;
            total += written;
        }
        Assert.True(context.Final(output.AsSpan(total), out int last));
        return output.AsSpan(0, total + last).ToArray();
    }

    private static CipherAlgorithm Algorithm(HostCipherMode mode, int feedbackBits, int keySize) => (mode, feedbackBits, keySize) switch
    {
        (HostCipherMode.ECB, _, 16) => CipherAlgorithm.Aes128Ecb,
        (HostCipherMode.ECB, _, 24) => CipherAlgorithm.Aes192Ecb,
        (HostCipherMode.ECB, _, _) => CipherAlgorithm.Aes256Ecb,
        (HostCipherMode.CBC, _, 16) => CipherAlgorithm.Aes128Cbc,
        (HostCipherMode.CBC, _, 24) => CipherAlgorithm.Aes192Cbc,
        (HostCipherMode.CBC, _, _) => CipherAlgorithm.Aes256Cbc,
        (_, 8, 16) => CipherAlgorithm.Aes128Cfb8,
        (_, 8, 24) => CipherAlgorithm.Aes192Cfb8,
        (_, 8, _) => CipherAlgorithm.Aes256Cfb8,
        (_, _, 16) => CipherAlgorithm.Aes128Cfb128,
        (_, _, 24) => CipherAlgorithm.Aes192Cfb128,
        _ => CipherAlgorithm.Aes256Cfb128,
    };

    private static byte[] Bytes(System.Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
