using System;
using System.Collections.Generic;

namespace Sharprun.Kernel.Tests.Exceptions;

/// <summary>
/// A pinned byte buffer with a little-endian writer, for building unwind data at real addresses
/// (PC-relative fields depend on where the bytes are).
/// </summary>
internal sealed unsafe class PinnedMemory
{
    private readonly byte[] _bytes;

    public PinnedMemory(int size)
    {
        _bytes = GC.AllocateArray<byte>(size, pinned: true);
        fixed (byte* start = _bytes)
            Base = start;
    }

    public byte* Base { get; }

    public int Size => _bytes.Length;

    public byte* End => Base + _bytes.Length;

    public int Position { get; set; }

    public byte* Here => Base + Position;

    public byte* At(int offset) => Base + offset;

    public void Byte(byte value) => _bytes[Position++] = value;

    public void Bytes(params byte[] values)
    {
        foreach (byte value in values)
            Byte(value);
    }

    public void UInt16(ushort value)
    {
        BitConverter.TryWriteBytes(_bytes.AsSpan(Position), value);
        Position += 2;
    }

    public void UInt32(uint value)
    {
        BitConverter.TryWriteBytes(_bytes.AsSpan(Position), value);
        Position += 4;
    }

    public void Int32(int value) => UInt32((uint)value);

    public void UInt64(ulong value)
    {
        BitConverter.TryWriteBytes(_bytes.AsSpan(Position), value);
        Position += 8;
    }

    /// <summary>A 32-bit field holding <paramref name="target"/> relative to the field's own address.</summary>
    public void SelfRelative(byte* target) => Int32(checked((int)(target - Here)));

    public void Uleb(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }

    public void Sleb(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            Byte(done ? b : (byte)(b | 0x80));
            if (done)
                return;
        }
    }

    /// <summary>The .NET native-format unsigned encoding, as ILC's ObjectDataBuilder.EmitCompressedUInt writes it.</summary>
    public void NativeUnsigned(uint value)
    {
        if (value < 0x80)
        {
            Byte((byte)(value << 1));
        }
        else if (value < 0x4000)
        {
            UInt16((ushort)((value << 2) | 1));
        }
        else if (value < 0x20_0000)
        {
            uint v = (value << 3) | 3;
            Bytes((byte)v, (byte)(v >> 8), (byte)(v >> 16));
        }
        else if (value < 0x1000_0000)
        {
            UInt32((value << 4) | 7);
        }
        else
        {
            Byte(0x0F);
            UInt32(value);
        }
    }

    public void Write(IEnumerable<byte> values)
    {
        foreach (byte value in values)
            Byte(value);
    }
}
