using System.Runtime;
using Sharprun.Kernel.Environment;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// Environment variables (pal_environment.h), read from the environment the image was configured with. The
/// environment never changes after boot (CoreLib keeps its own copy for SetEnvironmentVariable).
/// </summary>
public static unsafe class PalEnvironment
{
    // Built on first use and kept, like the environ array of a process.
    private static byte** s_environ;

    /// <summary>The value of the variable named <paramref name="variable"/> (inside the boot environment), or null.</summary>
    [RuntimeExport("SystemNative_GetEnv")]
    public static byte* GetEnv(byte* variable)
    {
        if (variable == null)
        {
            return null;
        }

        int count = BootEnvironment.VariableCount;
        for (int index = 0; index < count; index++)
        {
            byte* value = ValueIfNamed(BootEnvironment.GetVariable(index), variable);
            if (value != null)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A null-terminated array of "NAME=value" strings, or null (errno ENOMEM) when it cannot be built.</summary>
    [RuntimeExport("SystemNative_GetEnviron")]
    public static byte** GetEnviron()
    {
        if (s_environ != null)
        {
            return s_environ;
        }

        int count = BootEnvironment.VariableCount;
        byte** array = (byte**)PalMemory.Calloc((nuint)count + 1, (nuint)sizeof(byte*));
        if (array == null)
        {
            return null;
        }

        for (int index = 0; index < count; index++)
        {
            array[index] = BootEnvironment.GetVariable(index);
        }

        s_environ = array;
        return array;
    }

    /// <summary>Nothing to free: GetEnviron's array belongs to the kernel, as environ belongs to libc.</summary>
    [RuntimeExport("SystemNative_FreeEnviron")]
    public static void FreeEnviron(byte** environ)
    {
    }

    // "NAME=value" matches when NAME equals the whole of name; the value starts after the '='.
    private static byte* ValueIfNamed(byte* entry, byte* name)
    {
        if (entry == null)
        {
            return null;
        }

        int index = 0;
        while (name[index] != 0 && entry[index] == name[index])
        {
            index++;
        }

        return name[index] == 0 && entry[index] == (byte)'=' ? entry + index + 1 : null;
    }
}
