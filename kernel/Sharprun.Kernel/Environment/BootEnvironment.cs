using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Environment;

/// <summary>
/// The application's environment variables ("NAME=value" UTF-8), fixed at boot: first the defaults baked into
/// the image (<c>sharprun build -e</c>: the toolchain links them, NUL-terminated, at the symbol
/// <c>sharprun_baked_environment</c>, so they travel with the image whatever boots it), then the kernel command
/// line's <c>env</c> option (<c>sharprun run -e</c>); a later definition of a name overrides an earlier one.
/// Malformed variables are a panic naming the token. Read before the runtime starts: kernel heap only.
/// </summary>
internal static unsafe class BootEnvironment
{
    private static byte** s_variables;
    private static int s_count;

    public static int VariableCount => s_count;

    public static byte* GetVariable(int index) => (uint)index < (uint)s_count ? s_variables[index] : null;

    /// <summary>Decodes the baked defaults and then <paramref name="given"/> (the env option's tokens).</summary>
    public static void Initialize(System.ReadOnlySpan<byte> given)
    {
        byte* bakedText = BakedEnvironment();
        int bakedLength = 0;
        while (bakedText[bakedLength] != 0)
            bakedLength++;
        var baked = new System.ReadOnlySpan<byte>(bakedText, bakedLength);
        if (baked.Length == 0 && given.Length == 0)
            return;

        // Decoding never lengthens a token, and each token's closing quote pays for its NUL.
        int capacity = baked.Length + given.Length;
        byte* decoded = (byte*)KernelHeap.Allocate((nuint)capacity);
        if (decoded == null)
            Panic.Fail("out of memory while reading the environment");
        var output = new System.Span<byte>(decoded, capacity);
        int written = 0;
        int count = Decode(baked, output, ref written, "in the environment baked into the image");
        count += Decode(given, output, ref written, "on the kernel command line");
        if (count == 0)
            return;

        int* starts = (int*)KernelHeap.Allocate((nuint)(sizeof(int) * count));
        byte** variables = (byte**)KernelHeap.Allocate((nuint)(sizeof(byte*) * count));
        if (starts == null || variables == null)
            Panic.Fail("out of memory while reading the environment");
        var offsets = new System.Span<int>(starts, count);
        EnvironmentTokens.FindStarts(output[..written], offsets, count);
        int kept = EnvironmentTokens.RemoveOverridden(output[..written], offsets, count);
        for (int i = 0; i < kept; i++)
            variables[i] = decoded + offsets[i];
        KernelHeap.Free(starts);
        s_variables = variables;
        s_count = kept;
    }

    private static int Decode(System.ReadOnlySpan<byte> text, System.Span<byte> output, ref int written, string where)
    {
        int index = 0;
        int count = EnvironmentTokens.Decode(text, ref index, output, ref written, out string? error, out System.Range culprit);
        if (count >= 0 && index != text.Length)
        {
            error = "the environment holds something other than quoted \"KEY=VALUE\" tokens";
            culprit = index..text.Length;
            count = -1;
        }
        if (count < 0)
        {
            (int offset, int length) = culprit.GetOffsetAndLength(text.Length);
            Panic.Begin(error ?? "malformed environment");
            KernelLog.Write(" ");
            KernelLog.Write(where);
            KernelLog.Write(": ");
            fixed (byte* start = text)
                KernelLog.WriteBytes(start + offset, length);
            Panic.End();
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_baked_environment")]
    private static extern byte* BakedEnvironment();
}
