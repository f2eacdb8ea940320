namespace Sharprun.Kernel.Pal;

/// <summary>CoreLib's ProcessCpuInformation: the figures of the previous utilization reading.</summary>
internal struct ProcessorTimes
{
    public ulong LastCurrentTime;
    public ulong LastKernelTime;
    public ulong LastUserTime;
}
