namespace Sharprun.Cryptography.Algorithms;

/// <summary>An incremental hash function: append, finish, reset, and copy its running state.</summary>
public abstract class Digest
{
    public abstract int HashSize { get; }

    /// <summary>The compression function's input size: HMAC pads its key to this.</summary>
    public abstract int BlockSize { get; }

    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the hash of everything appended into the first <see cref="HashSize"/> bytes; the state is then spent until <see cref="Reset"/>.</summary>
    public abstract void Finish(Span<byte> destination);

    public abstract void Reset();

    public abstract Digest Clone();
}
