namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Marks the kernel's dispatch code as running on this thread, so that a hardware fault inside it is
/// reported as a kernel bug instead of being dispatched again (which would fault again, forever).
/// </summary>
internal static unsafe class DispatchCodeScope
{
    public static void Enter() => ExceptionThreadState.Current->DispatchCodeDepth++;

    public static void Leave() => ExceptionThreadState.Current->DispatchCodeDepth--;

    public static bool IsActive => ExceptionThreadState.Current->DispatchCodeDepth > 0;
}
