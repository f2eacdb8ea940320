using System;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Console input received but not yet read, oldest first: a fixed ring. The bytes pass as they came (the end of
/// input, an EOT byte from the launcher, is the kernel's business). Pure, so host tests cover it; the guest keeps
/// one in a static field.
/// </summary>
internal struct ConsoleInputBuffer
{
    public const int Capacity = 4096;

    private Ring _bytes;
    private int _start;
    private int _count;

    /// <summary>No room for another byte: the receiver must leave further bytes where they are.</summary>
    public readonly bool IsFull => _count == Capacity;

    public readonly int Count => _count;

    /// <summary>Appends <paramref name="value"/>; false, with nothing stored, when <see cref="IsFull"/>.</summary>
    public bool TryAdd(byte value)
    {
        if (_count == Capacity)
            return false;
        _bytes[(_start + _count) % Capacity] = value;
        _count++;
        return true;
    }

    /// <summary>Moves up to <paramref name="destination"/>'s length of the oldest bytes there; returns how many.</summary>
    public int Read(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _count);
        for (int i = 0; i < count; i++)
            destination[i] = _bytes[(_start + i) % Capacity];
        _start = (_start + count) % Capacity;
        _count -= count;
        return count;
    }

    [InlineArray(Capacity)]
    private struct Ring
    {
        private byte _first;
    }
}
