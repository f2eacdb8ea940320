namespace Sharprun.Cryptography.Evp;

/// <summary>The AES modes of operation the framework asks the OpenSSL shim for.</summary>
public enum CipherMode
{
    Ecb,
    Cbc,
    Cfb8,
    Cfb128,
    Gcm,
    Ccm,
}
