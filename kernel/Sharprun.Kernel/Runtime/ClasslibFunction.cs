namespace Sharprun.Kernel.Runtime;

/// <summary>The slots of the classlib function table the kernel itself reads (CoreLib's ClassLibFunctionId).</summary>
internal enum ClasslibFunction
{
    ThreadEntryPoint = 2,
}
