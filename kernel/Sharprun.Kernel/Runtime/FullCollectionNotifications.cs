using System.Runtime;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// GC.RegisterForFullGCNotification and its waits. The collector has no generations, so there is no "full"
/// collection to approach: registration is refused (CoreLib then throws InvalidOperationException, as it does for
/// a runtime whose GC cannot notify), and a wait reports that notification does not apply.
/// </summary>
internal static class FullCollectionNotifications
{
    /// <summary>GCNotificationStatus.NotApplicable.</summary>
    private const int NotApplicable = 4;

    [RuntimeExport("RhRegisterForFullGCNotification")]
    private static bool Register(int maxGenerationThreshold, int largeObjectHeapThreshold) => false;

    [RuntimeExport("RhWaitForFullGCApproach")]
    private static int WaitForApproach(int millisecondsTimeout) => NotApplicable;

    [RuntimeExport("RhWaitForFullGCComplete")]
    private static int WaitForComplete(int millisecondsTimeout) => NotApplicable;

    /// <summary>Nothing is registered, so cancelling succeeds at once.</summary>
    [RuntimeExport("RhCancelFullGCNotification")]
    private static bool Cancel() => true;
}
