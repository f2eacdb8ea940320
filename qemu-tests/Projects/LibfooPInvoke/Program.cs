using System;
using System.Runtime.InteropServices;

namespace LibfooPInvoke;

internal static partial class Program
{
    [DllImport("libfoo", EntryPoint = "foo_add")]
    private static extern int Add(int a, int b);

    [LibraryImport("libfoo", EntryPoint = "foo_scale")]
    private static partial int Scale(int value);

    private static int Main() => Add(1, 2) + Scale(3) + Environment.ProcessId;
}
