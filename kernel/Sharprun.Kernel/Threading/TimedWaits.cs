namespace Sharprun.Kernel.Threading;

/// <summary>
/// Threads blocked with a deadline, earliest first, linked through the threads. Insertion walks the list
/// (few threads sleep at once); the earliest deadline and removal are O(1). Used with interrupts disabled.
/// </summary>
internal unsafe struct TimedWaits
{
    private KernelThread* _head;

    public readonly ulong EarliestDeadline => _head != null ? _head->Deadline : ulong.MaxValue;

    public readonly KernelThread* First => _head;

    public void Insert(KernelThread* thread)
    {
        KernelThread* previous = null;
        KernelThread* next = _head;
        while (next != null && next->Deadline <= thread->Deadline)
        {
            previous = next;
            next = next->TimedNext;
        }
        thread->TimedPrevious = previous;
        thread->TimedNext = next;
        if (previous != null)
            previous->TimedNext = thread;
        else
            _head = thread;
        if (next != null)
            next->TimedPrevious = thread;
    }

    public void Remove(KernelThread* thread)
    {
        if (thread->TimedPrevious != null)
            thread->TimedPrevious->TimedNext = thread->TimedNext;
        else if (_head == thread)
            _head = thread->TimedNext;
        else
            return;
        if (thread->TimedNext != null)
            thread->TimedNext->TimedPrevious = thread->TimedPrevious;
        thread->TimedNext = null;
        thread->TimedPrevious = null;
        thread->Deadline = ulong.MaxValue;
    }
}
