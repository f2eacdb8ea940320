using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sharprun.QemuTests.Cli;

/// <summary>
/// A hand-made PVH-bootable ELF of a few hundred bytes that speaks the launcher's protocol without any kernel:
/// it writes fixed text to COM1, COM2 and COM3 and then ends as told. It tests <c>sharprun run</c> on its own,
/// independent of the toolchain's compiler, stubs and linker.
/// </summary>
public sealed class TinyGuestImage
{
    private const uint LoadAddress = 0x100000;
    private const int CodeOffset = 0x100;
    private const uint XenElfNotePhys32Entry = 18;

    private readonly List<byte> _code = new();

    public TinyGuestImage Write(ushort port, string text)
    {
        Emit(0x66, 0xBA, (byte)port, (byte)(port >> 8));      // mov dx, port
        foreach (byte b in Encoding.UTF8.GetBytes(text))
            Emit(0xB0, b, 0xEE);                               // mov al, b; out dx, al
        return this;
    }

    public TinyGuestImage Stdout(string text) => Write(0x3F8, text);

    public TinyGuestImage Stderr(string text) => Write(0x2F8, text);

    public TinyGuestImage KernelLog(string text) => Write(0x3E8, text);

    /// <summary>Powers off through isa-debug-exit.</summary>
    public TinyGuestImage PowerOff()
    {
        Emit(0x66, 0xBA, 0xF4, 0x00);                           // mov dx, 0xf4
        Emit(0xB8, 0, 0, 0, 0);                                 // mov eax, 0
        Emit(0xEF);                                             // out dx, eax
        return this;
    }

    /// <summary>Loads an empty IDT and executes ud2: no handler can run, so the CPU triple-faults.</summary>
    public TinyGuestImage TripleFault()
    {
        uint descriptor = LoadAddress + CodeOffset + (uint)_code.Count + 7 + 2 + 2; // after lidt, ud2 and the jmp over it
        Emit(0x0F, 0x01, 0x1D);                                 // lidt [descriptor]
        Emit(BitConverter.GetBytes(descriptor));
        Emit(0x0F, 0x0B);                                       // ud2
        Emit(0xEB, 0x06);                                       // jmp over the descriptor (never reached)
        Emit(0, 0, 0, 0, 0, 0);                                 // limit 0, base 0
        return this;
    }

    /// <summary>Halts forever with interrupts off.</summary>
    public TinyGuestImage Hang()
    {
        Emit(0xFA, 0xF4, 0xEB, 0xFD);                           // cli; hlt; jmp back to hlt
        return this;
    }

    public string Save(string path)
    {
        var code = _code.ToArray();
        int fileSize = CodeOffset + code.Length;
        var image = new byte[fileSize];
        var w = new BinaryWriter(new MemoryStream(image));

        // ELF header: ELF64, little endian, executable, x86-64, two program headers.
        w.Write(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        w.Write((ushort)2); w.Write((ushort)62); w.Write(1u);
        w.Write((ulong)(LoadAddress + CodeOffset)); w.Write(64UL); w.Write(0UL);
        w.Write(0u); w.Write((ushort)64); w.Write((ushort)56); w.Write((ushort)2); w.Write((ushort)64); w.Write((ushort)0); w.Write((ushort)0);

        const int noteOffset = 64 + 2 * 56;
        const int noteSize = 12 + 4 + 8;
        // PT_LOAD of the whole file at LoadAddress, RWX.
        w.Write(1u); w.Write(7u); w.Write(0UL); w.Write((ulong)LoadAddress); w.Write((ulong)LoadAddress);
        w.Write((ulong)fileSize); w.Write((ulong)fileSize); w.Write(0x1000UL);
        // PT_NOTE with the Xen PVH entry note.
        w.Write(4u); w.Write(4u); w.Write((ulong)noteOffset); w.Write(0UL); w.Write(0UL);
        w.Write((ulong)noteSize); w.Write((ulong)noteSize); w.Write(4UL);

        w.Write(4u); w.Write(8u); w.Write(XenElfNotePhys32Entry);
        w.Write(Encoding.ASCII.GetBytes("Xen\0"));
        w.Write((ulong)(LoadAddress + CodeOffset));

        w.Seek(CodeOffset, SeekOrigin.Begin);
        w.Write(code);
        w.Flush();
        File.WriteAllBytes(path, image);
        return path;
    }

    private void Emit(params byte[] bytes) => _code.AddRange(bytes);
}
