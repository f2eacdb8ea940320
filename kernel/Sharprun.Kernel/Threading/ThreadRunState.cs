namespace Sharprun.Kernel.Threading;

internal enum ThreadRunState
{
    Runnable,
    Running,
    Blocked,
    Exited,
}
