using System;
using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Tests.Memory;

/// <summary>A page-aligned native buffer filled with a pattern, standing in for RAM the allocator manages.</summary>
internal sealed unsafe class NativePages : IDisposable
{
    public const int PageSize = 4096;

    public NativePages(int pages)
    {
        Length = (ulong)pages * PageSize;
        Start = (byte*)NativeMemory.AlignedAlloc((nuint)Length, PageSize);
        new Span<byte>(Start, (int)Length).Fill(0xCC);
    }

    public byte* Start { get; }

    public ulong Length { get; }

    public ulong Address => (ulong)Start;

    public byte* Page(int index) => Start + (long)index * PageSize;

    public void Dispose() => NativeMemory.AlignedFree(Start);
}
