using System.Runtime;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// EventPipe, as the runtime's eventpipe-disabled library answers it: no session can be enabled (id 0), no
/// provider is created (handle 0), no event is pending, and writes go nowhere. Diagnostics tools have no
/// transport into a guest to ask for a session anyway.
/// </summary>
internal static unsafe class EventPipeSessions
{
    [RuntimeExport("EventPipeInternal_Enable")]
    private static ulong Enable(char* outputFile, int format, uint circularBufferSizeInMegabytes, void* providers, uint providerCount) => 0;

    [RuntimeExport("EventPipeInternal_Disable")]
    private static void Disable(ulong session)
    {
    }

    [RuntimeExport("EventPipeInternal_CreateProvider")]
    private static nint CreateProvider(char* name, void* callback, void* callbackContext) => 0;

    [RuntimeExport("EventPipeInternal_DefineEvent")]
    private static nint DefineEvent(nint provider, uint eventId, long keywords, uint eventVersion, uint level, void* metadata, uint metadataLength) => 0;

    [RuntimeExport("EventPipeInternal_GetProvider")]
    private static nint GetProvider(char* name) => 0;

    [RuntimeExport("EventPipeInternal_DeleteProvider")]
    private static void DeleteProvider(nint provider)
    {
    }

    /// <summary>Activity ids are not tracked without EventPipe: the call reports failure (a non-zero status).</summary>
    [RuntimeExport("EventPipeInternal_EventActivityIdControl")]
    private static int EventActivityIdControl(uint controlCode, void* activityId) => 1;

    [RuntimeExport("EventPipeInternal_WriteEventData")]
    private static void WriteEventData(nint eventHandle, void* data, uint dataCount, void* activityId, void* relatedActivityId)
    {
    }

    [RuntimeExport("EventPipeInternal_GetSessionInfo")]
    private static int GetSessionInfo(ulong session, void* info) => 0;

    [RuntimeExport("EventPipeInternal_GetNextEvent")]
    private static int GetNextEvent(ulong session, void* instance) => 0;

    [RuntimeExport("EventPipeInternal_SignalSession")]
    private static int SignalSession(ulong session) => 0;

    [RuntimeExport("EventPipeInternal_WaitForSessionSignal")]
    private static int WaitForSessionSignal(ulong session, int timeoutMilliseconds) => 0;
}
