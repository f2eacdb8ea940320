using System.Security.Cryptography;
using System.Text;

// Every symmetric algorithm of System.Security.Cryptography through its public API, with fixed inputs, so that the
// guest's output can be compared with the NativeAOT linux-x64 build of this program (OpenSSL) on the host.
// "unsupported" instead prints what the guest does not offer (asymmetric algorithms, SHA-3), which differs from Linux.

if (args is ["unsupported"])
{
    Unsupported();
    return;
}

byte[] message = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
byte[] key = Sequence(32, 1);
byte[] iv = Sequence(16, 100);

Print("MD5", MD5.HashData(message));
Print("SHA1", SHA1.HashData(message));
Print("SHA256", SHA256.HashData(message));
Print("SHA384", SHA384.HashData(message));
Print("SHA512", SHA512.HashData(message));
Print("SHA256(empty)", SHA256.HashData(ReadOnlySpan<byte>.Empty));
Print("SHA256(stream)", SHA256.HashData(new MemoryStream(Sequence(10000, 7))));
using (var sha = SHA512.Create())
    Print("SHA512.ComputeHash", sha.ComputeHash(message, 4, 20));

foreach (var name in new[] { HashAlgorithmName.MD5, HashAlgorithmName.SHA1, HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512 })
{
    using var incremental = IncrementalHash.CreateHash(name);
    incremental.AppendData(message, 0, 10);
    Print($"Incremental {name.Name} current", incremental.GetCurrentHash());
    incremental.AppendData(message, 10, message.Length - 10);
    Print($"Incremental {name.Name}", incremental.GetHashAndReset());
    incremental.AppendData(message);
    Print($"Incremental {name.Name} after reset", incremental.GetHashAndReset());

    using var hmac = IncrementalHash.CreateHMAC(name, key);
    hmac.AppendData(message.AsSpan(0, 7));
    Print($"HMAC {name.Name} current", hmac.GetCurrentHash());
    hmac.AppendData(message.AsSpan(7));
    Print($"HMAC {name.Name}", hmac.GetHashAndReset());
}

Print("HMACSHA256.HashData", HMACSHA256.HashData(key, message));
Print("HMACSHA1.HashData(long key)", HMACSHA1.HashData(Sequence(200, 3), message));
Print("HMACMD5.HashData", HMACMD5.HashData(key, message));
Print("HMACSHA384.HashData", HMACSHA384.HashData(key, message));
using (var hmac512 = new HMACSHA512(key))
    Print("HMACSHA512.ComputeHash", hmac512.ComputeHash(message));

Print("PBKDF2-SHA1", Rfc2898DeriveBytes.Pbkdf2("password"u8, "salt"u8, 4096, HashAlgorithmName.SHA1, 20));
Print("PBKDF2-SHA256", Rfc2898DeriveBytes.Pbkdf2("password", Sequence(16, 9), 1000, HashAlgorithmName.SHA256, 48));
Print("PBKDF2-SHA512", Rfc2898DeriveBytes.Pbkdf2(Sequence(10, 1), Sequence(8, 2), 10, HashAlgorithmName.SHA512, 70));

byte[] prk = HKDF.Extract(HashAlgorithmName.SHA256, key, Sequence(13, 0));
Print("HKDF.Extract", prk);
Print("HKDF.Expand", HKDF.Expand(HashAlgorithmName.SHA256, prk, 42, Sequence(10, 0xf0)));
Print("HKDF.DeriveKey SHA384", HKDF.DeriveKey(HashAlgorithmName.SHA384, key, 100, Sequence(5, 1), Sequence(5, 2)));
Print("HKDF.DeriveKey SHA1 no salt", HKDF.DeriveKey(HashAlgorithmName.SHA1, key, 20));

byte[] plaintext = Sequence(37, 200);
byte[] blocks = Sequence(64, 50);
foreach (int bits in new[] { 128, 192, 256 })
{
    using var aes = Aes.Create();
    aes.Key = key[..(bits / 8)];
    Print($"AES-{bits} ECB none", aes.EncryptEcb(blocks, PaddingMode.None));
    Print($"AES-{bits} ECB PKCS7", RoundTrip(aes.EncryptEcb(plaintext, PaddingMode.PKCS7), c => aes.DecryptEcb(c, PaddingMode.PKCS7)));
    Print($"AES-{bits} CBC none", aes.EncryptCbc(blocks, iv, PaddingMode.None));
    Print($"AES-{bits} CBC PKCS7", RoundTrip(aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7), c => aes.DecryptCbc(c, iv, PaddingMode.PKCS7)));
    Print($"AES-{bits} CBC Zeros", aes.EncryptCbc(plaintext, iv, PaddingMode.Zeros));
    Print($"AES-{bits} CBC ANSIX923", RoundTrip(aes.EncryptCbc(plaintext, iv, PaddingMode.ANSIX923), c => aes.DecryptCbc(c, iv, PaddingMode.ANSIX923)));
    Print($"AES-{bits} CFB8 none", RoundTrip(aes.EncryptCfb(plaintext, iv, PaddingMode.None, 8), c => aes.DecryptCfb(c, iv, PaddingMode.None, 8)));
    Print($"AES-{bits} CFB8 PKCS7", aes.EncryptCfb(plaintext, iv, PaddingMode.PKCS7, 8));
    Print($"AES-{bits} CFB128 none", RoundTrip(aes.EncryptCfb(blocks, iv, PaddingMode.None, 128), c => aes.DecryptCfb(c, iv, PaddingMode.None, 128)));
    Print($"AES-{bits} CFB128 PKCS7", RoundTrip(aes.EncryptCfb(plaintext, iv, PaddingMode.PKCS7, 128), c => aes.DecryptCfb(c, iv, PaddingMode.PKCS7, 128)));

    aes.IV = iv;
    aes.Mode = CipherMode.CBC;
    using var encryptor = aes.CreateEncryptor();
    var stream = new MemoryStream();
    using (var crypto = new CryptoStream(stream, encryptor, CryptoStreamMode.Write))
    {
        crypto.Write(plaintext, 0, 5);
        crypto.Write(plaintext, 5, plaintext.Length - 5);
    }
    byte[] streamed = stream.ToArray();
    Print($"AES-{bits} CBC CryptoStream", streamed);
    using var decryptor = aes.CreateDecryptor();
    using var reader = new CryptoStream(new MemoryStream(streamed), decryptor, CryptoStreamMode.Read);
    var back = new MemoryStream();
    reader.CopyTo(back);
    Console.WriteLine($"AES-{bits} CBC CryptoStream round trip: {back.ToArray().AsSpan().SequenceEqual(plaintext)}");

    try
    {
        byte[] broken = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        broken[^1] ^= 0x55;
        aes.DecryptCbc(broken, iv, PaddingMode.PKCS7);
        Console.WriteLine($"AES-{bits} CBC bad padding: accepted");
    }
    catch (CryptographicException e)
    {
        Console.WriteLine($"AES-{bits} CBC bad padding: {e.GetType().Name}");
    }

    byte[] nonce = Sequence(12, 33);
    byte[] aad = Sequence(21, 44);
    foreach (int tagSize in new[] { 16, 12 })
    {
        using var gcm = new AesGcm(aes.Key, tagSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[tagSize];
        gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
        Print($"AES-{bits} GCM tag {tagSize} ciphertext", ciphertext);
        Print($"AES-{bits} GCM tag {tagSize}", tag);
        var opened = new byte[plaintext.Length];
        gcm.Decrypt(nonce, ciphertext, tag, opened, aad);
        Console.WriteLine($"AES-{bits} GCM tag {tagSize} round trip: {opened.AsSpan().SequenceEqual(plaintext)}");
        tag[0] ^= 1;
        Console.WriteLine($"AES-{bits} GCM tag {tagSize} tampered: {Rejected(() => gcm.Decrypt(nonce, ciphertext, tag, opened, aad))}");
    }
    using (var gcm = new AesGcm(aes.Key, 16))
    {
        var tag = new byte[16];
        gcm.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag);
        Print($"AES-{bits} GCM empty", tag);
    }

    foreach (var (nonceSize, tagSize) in new[] { (7, 4), (13, 16), (11, 10) })
    {
        using var ccm = new AesCcm(aes.Key);
        byte[] ccmNonce = Sequence(nonceSize, 60);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[tagSize];
        ccm.Encrypt(ccmNonce, plaintext, ciphertext, tag, aad);
        Print($"AES-{bits} CCM {nonceSize}/{tagSize} ciphertext", ciphertext);
        Print($"AES-{bits} CCM {nonceSize}/{tagSize} tag", tag);
        var opened = new byte[plaintext.Length];
        ccm.Decrypt(ccmNonce, ciphertext, tag, opened, aad);
        Console.WriteLine($"AES-{bits} CCM {nonceSize}/{tagSize} round trip: {opened.AsSpan().SequenceEqual(plaintext)}");
        ciphertext[3] ^= 8;
        Console.WriteLine($"AES-{bits} CCM {nonceSize}/{tagSize} tampered: {Rejected(() => ccm.Decrypt(ccmNonce, ciphertext, tag, opened, aad))}");
    }
}
Console.WriteLine($"AesGcm.IsSupported: {AesGcm.IsSupported}, AesCcm.IsSupported: {AesCcm.IsSupported}");

byte[] first = RandomNumberGenerator.GetBytes(32);
byte[] second = RandomNumberGenerator.GetBytes(32);
Console.WriteLine($"RandomNumberGenerator.GetBytes: lengths {first.Length} {second.Length}, differ: {!first.AsSpan().SequenceEqual(second)}");
var filled = new byte[100_000];
RandomNumberGenerator.Fill(filled);
Console.WriteLine($"RandomNumberGenerator.Fill: all byte values seen: {filled.Distinct().Count() == 256}");
bool inRange = Enumerable.Range(0, 1000).Select(_ => RandomNumberGenerator.GetInt32(10, 20)).All(n => n is >= 10 and < 20);
Console.WriteLine($"RandomNumberGenerator.GetInt32 in range: {inRange}");
using (var generator = RandomNumberGenerator.Create())
{
    var bytes = new byte[16];
    generator.GetNonZeroBytes(bytes);
    Console.WriteLine($"GetNonZeroBytes: {bytes.All(b => b != 0)}");
}
Guid guid = Guid.NewGuid();
Console.WriteLine($"Guid.NewGuid version {guid.Version}, RFC 9562 variant: {(guid.Variant & 0xc) == 8}, differs: {guid != Guid.NewGuid()}");
Console.WriteLine($"FixedTimeEquals: {CryptographicOperations.FixedTimeEquals(key, key)} {CryptographicOperations.FixedTimeEquals(key, iv)}");

static void Unsupported()
{
    try
    {
        // RSA.Create() makes its key lazily; exporting makes it.
        using var rsa = RSA.Create();
        Console.WriteLine($"RSA.Create: {rsa.ExportRSAPublicKey().Length}-byte public key");
    }
    catch (Exception e)
    {
        Console.WriteLine($"RSA.Create: {e.GetType().FullName}");
    }
    Console.WriteLine($"SHA3_256.IsSupported: {SHA3_256.IsSupported}");
}

static byte[] Sequence(int length, int start)
{
    var bytes = new byte[length];
    for (int i = 0; i < length; i++)
        bytes[i] = (byte)(start + i * 7);
    return bytes;
}

static byte[] RoundTrip(byte[] ciphertext, Func<byte[], byte[]> decrypt)
{
    byte[] plain = decrypt(ciphertext);
    return [.. ciphertext, .. Encoding.ASCII.GetBytes(" -> "), .. plain];
}

static string Rejected(Action decrypt)
{
    try
    {
        decrypt();
        return "accepted";
    }
    catch (CryptographicException e)
    {
        return e.GetType().Name;
    }
}

static void Print(string label, byte[] bytes) => Console.WriteLine($"{label}: {Convert.ToHexStringLower(bytes)}");
