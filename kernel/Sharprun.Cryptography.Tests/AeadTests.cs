using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Tests;

public class AeadTests
{
    // McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 2, 3, 4 (AES-128), 6 (60-byte IV), 16 (AES-256).
    public static TheoryData<string, string, string, string, string, string> GcmVectors => new()
    {
        { "00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
            "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf" },
        { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4" },
        { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47" },
        { "feffe9928665731c6d6a8f9467308308",
            "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
            "619cc5aefffe0bfa462af43c1699d050" },
        { "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b" },
    };

    [Theory]
    [MemberData(nameof(GcmVectors))]
    public void Gcm_known_answers_through_the_evp_context(string key, string iv, string aad, string plaintext, string ciphertext, string tag)
    {
        var algorithm = key.Length == 32 ? CipherAlgorithm.Aes128Gcm : CipherAlgorithm.Aes256Gcm;
        byte[] nonce = Hex.Bytes(iv);

        var encryptor = algorithm.CreateContext();
        Assert.True(encryptor.SetKeyAndIv(Hex.Bytes(key), true, [], false, -1));
        Assert.True(encryptor.SetNonceLength(CipherMode.Gcm, nonce.Length));
        Assert.True(encryptor.SetKeyAndIv([], false, nonce, true, 1));
        Assert.True(encryptor.Update(Hex.Bytes(aad), [], false, out _));
        var output = new byte[plaintext.Length / 2];
        Assert.True(encryptor.Update(Hex.Bytes(plaintext), output, true, out int written));
        Assert.Equal(output.Length, written);
        Assert.True(encryptor.Final([], out _));
        var computedTag = new byte[16];
        Assert.True(encryptor.GetTag(CipherMode.Gcm, computedTag));
        Assert.Equal(ciphertext, Hex.Of(output));
        Assert.Equal(tag, Hex.Of(computedTag));

        Assert.True(Decrypts(algorithm, key, nonce, aad, output, Hex.Bytes(tag), out var decrypted));
        Assert.Equal(plaintext, Hex.Of(decrypted));
        var tampered = Hex.Bytes(tag);
        tampered[0] ^= 0x80;
        Assert.False(Decrypts(algorithm, key, nonce, aad, output, tampered, out _));
    }

    private static bool Decrypts(CipherAlgorithm algorithm, string key, byte[] nonce, string aad, byte[] ciphertext, byte[] tag, out byte[] plaintext)
    {
        var decryptor = algorithm.CreateContext();
        Assert.True(decryptor.SetKeyAndIv(Hex.Bytes(key), true, [], false, -1));
        Assert.True(decryptor.SetNonceLength(CipherMode.Gcm, nonce.Length));
        Assert.True(decryptor.SetKeyAndIv([], false, nonce, true, 0));
        Assert.True(decryptor.Update(Hex.Bytes(aad), [], false, out _));
        plaintext = new byte[ciphertext.Length];
        Assert.True(decryptor.Update(ciphertext, plaintext, true, out _));
        Assert.True(decryptor.SetTag(CipherMode.Gcm, tag, true, tag.Length));
        return decryptor.Final([], out _);
    }

    // RFC 3610 packet vector #1, SP 800-38C Appendix C example 1 and example 2.
    [Theory]
    [InlineData("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
        "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e", "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0")]
    [InlineData("404142434445464748494a4b4c4d4e4f", "10111213141516", "0001020304050607", "20212223", "7162015b", "4dac255d")]
    [InlineData("404142434445464748494a4b4c4d4e4f", "1011121314151617", "000102030405060708090a0b0c0d0e0f",
        "202122232425262728292a2b2c2d2e2f", "d2a1f0e051ea5f62081a7792073d593d", "1fc64fbfaccd")]
    public void Ccm_known_answers_through_the_evp_context(string key, string nonce, string aad, string plaintext, string ciphertext, string tag)
    {
        var algorithm = CipherAlgorithm.Aes128Ccm;
        var encryptor = algorithm.CreateContext();
        Assert.True(encryptor.SetKeyAndIv([], false, [], false, 1));
        Assert.True(encryptor.SetTag(CipherMode.Ccm, [], false, tag.Length / 2));
        Assert.True(encryptor.SetNonceLength(CipherMode.Ccm, nonce.Length / 2));
        Assert.True(encryptor.SetKeyAndIv(Hex.Bytes(key), true, Hex.Bytes(nonce), true, -1));
        Assert.True(encryptor.DeclareInputLength(plaintext.Length / 2));
        Assert.True(encryptor.Update(Hex.Bytes(aad), [], false, out _));
        var output = new byte[plaintext.Length / 2];
        Assert.True(encryptor.Update(Hex.Bytes(plaintext), output, true, out _));
        Assert.True(encryptor.Final([], out _));
        var computedTag = new byte[tag.Length / 2];
        Assert.True(encryptor.GetTag(CipherMode.Ccm, computedTag));
        Assert.Equal(ciphertext, Hex.Of(output));
        Assert.Equal(tag, Hex.Of(computedTag));

        Assert.True(Opens(key, nonce, aad, output, Hex.Bytes(tag), out var decrypted));
        Assert.Equal(plaintext, Hex.Of(decrypted));
        var tampered = Hex.Bytes(tag);
        tampered[^1] ^= 1;
        Assert.False(Opens(key, nonce, aad, output, tampered, out decrypted));
        Assert.All(decrypted, b => Assert.Equal(0, b));
    }

    private static bool Opens(string key, string nonce, string aad, byte[] ciphertext, byte[] tag, out byte[] plaintext)
    {
        var decryptor = CipherAlgorithm.Aes128Ccm.CreateContext();
        Assert.True(decryptor.SetNonceLength(CipherMode.Ccm, nonce.Length / 2));
        Assert.True(decryptor.SetTag(CipherMode.Ccm, tag, true, tag.Length));
        Assert.True(decryptor.SetKeyAndIv(Hex.Bytes(key), true, Hex.Bytes(nonce), true, 0));
        Assert.True(decryptor.DeclareInputLength(ciphertext.Length));
        Assert.True(decryptor.Update(Hex.Bytes(aad), [], false, out _));
        plaintext = new byte[ciphertext.Length];
        return decryptor.Update(ciphertext, plaintext, true, out _);
    }
}
