namespace Sharprun.Kernel.Threading;

/// <summary>
/// A first-in first-out queue of threads, linked through the threads themselves (a thread is in at most one
/// queue), so removing a thread whose wait timed out is O(1). Used with interrupts disabled.
/// </summary>
internal unsafe struct ThreadQueue
{
    private KernelThread* _head;
    private KernelThread* _tail;

    public readonly bool IsEmpty => _head == null;

    public readonly KernelThread* First => _head;

    public void Enqueue(ThreadQueue* self, KernelThread* thread)
    {
        thread->Queue = self;
        thread->Next = null;
        thread->Previous = _tail;
        if (_tail != null)
            _tail->Next = thread;
        else
            _head = thread;
        _tail = thread;
    }

    public KernelThread* Dequeue()
    {
        KernelThread* thread = _head;
        if (thread != null)
            Remove(thread);
        return thread;
    }

    public void Remove(KernelThread* thread)
    {
        if (thread->Previous != null)
            thread->Previous->Next = thread->Next;
        else
            _head = thread->Next;
        if (thread->Next != null)
            thread->Next->Previous = thread->Previous;
        else
            _tail = thread->Previous;
        thread->Next = null;
        thread->Previous = null;
        thread->Queue = null;
    }
}
