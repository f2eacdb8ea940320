namespace Sharprun.Kernel.Runtime;

/// <summary>A page of handle slots, chained to the next page.</summary>
internal unsafe struct HandlePage
{
    public const int SlotCount = 170; // 8 + 170 * 24 bytes fit one 4 KiB page

    public HandlePage* Next;
    private Slots _slots;

    public HandleSlot* First => (HandleSlot*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _slots);

    [System.Runtime.CompilerServices.InlineArray(SlotCount)]
    private struct Slots
    {
        private HandleSlot _slot;
    }
}
