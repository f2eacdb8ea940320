using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// GHASH with PCLMULQDQ (Gueron and Kounavis, "Intel Carry-Less Multiplication Instruction and its Usage for
/// Computing the GCM Mode"): operands byte-reversed, a 256-bit schoolbook product, a one-bit left shift for
/// GCM's reflected bit order, then reduction modulo x¹²⁸ + x⁷ + x² + x + 1.
/// </summary>
public sealed class ClmulGHash : GHash
{
    private static readonly Vector128<byte> s_byteReverse = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    private readonly Vector128<ulong> _h;
    private Vector128<ulong> _y;

    public ClmulGHash(ReadOnlySpan<byte> hashKey)
    {
        if (!IsSupported)
            throw new PlatformNotSupportedException("this processor has no PCLMULQDQ");
        _h = Reverse(Vector128.Create(hashKey[..BlockSize]));
    }

    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    public override void Update(ReadOnlySpan<byte> blocks)
    {
        var y = _y;
        for (int offset = 0; offset + BlockSize <= blocks.Length; offset += BlockSize)
            y = Multiply(Sse2.Xor(y, Reverse(Vector128.Create(blocks[offset..]))), _h);
        _y = y;
    }

    public override void GetHash(Span<byte> destination) =>
        Ssse3.Shuffle(_y.AsByte(), s_byteReverse).CopyTo(destination);

    public override void Reset() => _y = Vector128<ulong>.Zero;

    private static Vector128<ulong> Reverse(Vector128<byte> block) => Ssse3.Shuffle(block, s_byteReverse).AsUInt64();

    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        var low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        var middle = Sse2.Xor(Pclmulqdq.CarrylessMultiply(a, b, 0x10), Pclmulqdq.CarrylessMultiply(a, b, 0x01));
        var high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        low = Sse2.Xor(low, Sse2.ShiftLeftLogical128BitLane(middle.AsByte(), 8).AsUInt64());
        high = Sse2.Xor(high, Sse2.ShiftRightLogical128BitLane(middle.AsByte(), 8).AsUInt64());

        // Shift the 256-bit product high:low left by one bit.
        var low32 = low.AsUInt32();
        var high32 = high.AsUInt32();
        var lowCarries = Sse2.ShiftRightLogical(low32, 31);
        var highCarries = Sse2.ShiftRightLogical(high32, 31);
        low32 = Sse2.ShiftLeftLogical(low32, 1);
        high32 = Sse2.ShiftLeftLogical(high32, 1);
        var crossing = Sse2.ShiftRightLogical128BitLane(lowCarries.AsByte(), 12).AsUInt32();
        highCarries = Sse2.ShiftLeftLogical128BitLane(highCarries.AsByte(), 4).AsUInt32();
        lowCarries = Sse2.ShiftLeftLogical128BitLane(lowCarries.AsByte(), 4).AsUInt32();
        low32 = Sse2.Or(low32, lowCarries);
        high32 = Sse2.Or(Sse2.Or(high32, highCarries), crossing);

        // Reduce: fold the low half into the high half.
        var fold = Sse2.Xor(Sse2.Xor(Sse2.ShiftLeftLogical(low32, 31), Sse2.ShiftLeftLogical(low32, 30)), Sse2.ShiftLeftLogical(low32, 25));
        var foldHigh = Sse2.ShiftRightLogical128BitLane(fold.AsByte(), 4).AsUInt32();
        fold = Sse2.ShiftLeftLogical128BitLane(fold.AsByte(), 12).AsUInt32();
        low32 = Sse2.Xor(low32, fold);
        var spread = Sse2.Xor(Sse2.Xor(Sse2.ShiftRightLogical(low32, 1), Sse2.ShiftRightLogical(low32, 2)), Sse2.ShiftRightLogical(low32, 7));
        spread = Sse2.Xor(spread, foldHigh);
        low32 = Sse2.Xor(low32, spread);
        return Sse2.Xor(high32, low32).AsUInt64();
    }
}
