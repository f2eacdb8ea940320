using System.Runtime.InteropServices;
using Sharprun.Kernel.Threading;
using Xunit;

namespace Sharprun.Kernel.Tests.Threading;

/// <summary>The scheduler's intrusive queues: FIFO order, O(1) removal from anywhere, and timed waits kept in deadline order.</summary>
public sealed unsafe class ThreadQueueTests
{
    private static KernelThread* NewThreads(int count)
    {
        var threads = (KernelThread*)NativeMemory.AllocZeroed((nuint)(count * sizeof(KernelThread)));
        for (int i = 0; i < count; i++)
        {
            threads[i].Id = (ulong)i;
            threads[i].Deadline = ulong.MaxValue;
        }
        return threads;
    }

    private static ulong[] Drain(ThreadQueue* queue)
    {
        var ids = new System.Collections.Generic.List<ulong>();
        KernelThread* thread;
        while ((thread = queue->Dequeue()) != null)
        {
            Assert.True(thread->Queue == null && thread->Next == null && thread->Previous == null);
            ids.Add(thread->Id);
        }
        return ids.ToArray();
    }

    [Fact]
    public void DequeuesInArrivalOrder()
    {
        KernelThread* threads = NewThreads(4);
        ThreadQueue queue = default;
        for (int i = 0; i < 4; i++)
            queue.Enqueue(&queue, &threads[i]);
        Assert.Equal(new ulong[] { 0, 1, 2, 3 }, Drain(&queue));
        Assert.True(queue.IsEmpty);
        Assert.True(queue.Dequeue() == null);
        NativeMemory.Free(threads);
    }

    [Fact]
    public void RemovesFromTheHeadTheMiddleAndTheTail()
    {
        KernelThread* threads = NewThreads(5);
        ThreadQueue queue = default;
        for (int i = 0; i < 5; i++)
            queue.Enqueue(&queue, &threads[i]);
        queue.Remove(&threads[2]);
        queue.Remove(&threads[0]);
        queue.Remove(&threads[4]);
        Assert.True(queue.First == &threads[1]);
        queue.Enqueue(&queue, &threads[0]);
        Assert.Equal(new ulong[] { 1, 3, 0 }, Drain(&queue));
        NativeMemory.Free(threads);
    }

    [Fact]
    public void TimedWaitsKeepDeadlineOrderAndEqualDeadlinesInArrivalOrder()
    {
        KernelThread* threads = NewThreads(6);
        ulong[] deadlines = [50, 10, 30, 10, 70, 30];
        TimedWaits waits = default;
        for (int i = 0; i < 6; i++)
        {
            threads[i].Deadline = deadlines[i];
            waits.Insert(&threads[i]);
        }
        Assert.Equal(10UL, waits.EarliestDeadline);
        var order = new System.Collections.Generic.List<ulong>();
        for (KernelThread* t = waits.First; t != null; t = t->TimedNext)
            order.Add(t->Id);
        Assert.Equal(new ulong[] { 1, 3, 2, 5, 0, 4 }, order);
        NativeMemory.Free(threads);
    }

    [Fact]
    public void RemovingTimedWaitsAnywhereAndTwiceIsSafe()
    {
        KernelThread* threads = NewThreads(3);
        TimedWaits waits = default;
        for (int i = 0; i < 3; i++)
        {
            threads[i].Deadline = (ulong)(i + 1) * 100;
            waits.Insert(&threads[i]);
        }
        waits.Remove(&threads[1]);
        waits.Remove(&threads[1]);
        Assert.Equal(ulong.MaxValue, threads[1].Deadline);
        waits.Remove(&threads[0]);
        Assert.Equal(300UL, waits.EarliestDeadline);
        waits.Remove(&threads[2]);
        Assert.Equal(ulong.MaxValue, waits.EarliestDeadline);
        Assert.True(waits.First == null);
        NativeMemory.Free(threads);
    }
}
