namespace Sharprun.Kernel.Environment;

/// <summary>
/// The application's environment variables ("NAME=value" UTF-8). Images carry none yet: the JSON
/// configuration on the command line that will supply them is a later milestone.
/// </summary>
internal static unsafe class BootEnvironment
{
    public static int VariableCount => 0;

    public static byte* GetVariable(int index) => null;
}
