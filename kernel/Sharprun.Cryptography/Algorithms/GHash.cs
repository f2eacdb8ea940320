namespace Sharprun.Cryptography.Algorithms;

/// <summary>GCM's universal hash (SP 800-38D §6.4): Y ← (Y ⊕ X)·H in GF(2¹²⁸), over whole 16-byte blocks.</summary>
public abstract class GHash
{
    public const int BlockSize = 16;

    /// <summary>Carry-less multiplication where the processor has PCLMULQDQ, 4-bit tables otherwise.</summary>
    public static GHash Create(ReadOnlySpan<byte> hashKey) =>
        ClmulGHash.IsSupported ? new ClmulGHash(hashKey) : new PortableGHash(hashKey);

    /// <summary>Absorbs <paramref name="blocks"/>, whose length is a multiple of 16.</summary>
    public abstract void Update(ReadOnlySpan<byte> blocks);

    /// <summary>Writes Y, the hash so far.</summary>
    public abstract void GetHash(Span<byte> destination);

    public abstract void Reset();
}
