using System.Runtime;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The native half of NativeRuntimeEventSource (exception, contention, thread-pool and wait events). Event tracing
/// is disabled in every image (the EventSource feature switch is off, as without an EventPipe session), so like the
/// runtime built with its eventpipe-disabled library each event is dropped.
/// </summary>
internal static unsafe class RuntimeEvents
{
    [RuntimeExport("NativeRuntimeEventSource_LogExceptionThrown")]
    private static void LogExceptionThrown(char* typeName, char* message, nint faultingIp, uint hresult, ushort flags, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogContentionLockCreated")]
    private static void LogContentionLockCreated(nint lockId, nint associatedObjectId, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogContentionStart")]
    private static void LogContentionStart(byte flags, ushort instance, nint lockId, nint associatedObjectId, ulong ownerThreadId)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogContentionStop")]
    private static void LogContentionStop(byte flags, ushort instance, double durationNanoseconds)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadStart")]
    private static void LogThreadPoolWorkerThreadStart(uint active, uint retired, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadStop")]
    private static void LogThreadPoolWorkerThreadStop(uint active, uint retired, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadWait")]
    private static void LogThreadPoolWorkerThreadWait(uint active, uint retired, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolMinMaxThreads")]
    private static void LogThreadPoolMinMaxThreads(ushort minWorkers, ushort maxWorkers, ushort minIo, ushort maxIo, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadAdjustmentSample")]
    private static void LogThreadPoolWorkerThreadAdjustmentSample(double throughput, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadAdjustmentAdjustment")]
    private static void LogThreadPoolWorkerThreadAdjustmentAdjustment(double averageThroughput, uint newWorkerCount, uint reason, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkerThreadAdjustmentStats")]
    private static void LogThreadPoolWorkerThreadAdjustmentStats(
        double duration, double throughput, double workerWait, double throughputWave, double errorEstimate,
        double averageErrorEstimate, double throughputRatio, double confidence, double newControlSetting, ushort waveMagnitude, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolIOEnqueue")]
    private static void LogThreadPoolIoEnqueue(nint nativeOverlapped, nint overlapped, int multiDequeues, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolIODequeue")]
    private static void LogThreadPoolIoDequeue(nint nativeOverlapped, nint overlapped, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolWorkingThreadCount")]
    private static void LogThreadPoolWorkingThreadCount(uint count, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogThreadPoolIOPack")]
    private static void LogThreadPoolIoPack(nint nativeOverlapped, nint overlapped, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogWaitHandleWaitStart")]
    private static void LogWaitHandleWaitStart(byte waitSource, nint associatedObjectId, ushort instance)
    {
    }

    [RuntimeExport("NativeRuntimeEventSource_LogWaitHandleWaitStop")]
    private static void LogWaitHandleWaitStop(ushort instance)
    {
    }
}
