using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>What GC handles mean to a collection: strong ones are roots, weak ones are cleared, dependent ones extend reachability.</summary>
internal static unsafe class HandleRoots
{
    public static void MarkStrong()
    {
        for (HandlePage* page = HandleTable.Pages; page != null; page = page->Next)
        {
            HandleSlot* slots = page->First;
            for (int i = 0; i < HandlePage.SlotCount; i++)
            {
                if (slots[i].IsStrong)
                    Marker.Mark((byte*)slots[i].Target);
            }
        }
    }

    /// <summary>Marks secondaries of dependent handles whose primary is live, until nothing changes.</summary>
    public static void MarkDependents()
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (HandlePage* page = HandleTable.Pages; page != null; page = page->Next)
            {
                HandleSlot* slots = page->First;
                for (int i = 0; i < HandlePage.SlotCount; i++)
                {
                    HandleSlot* slot = &slots[i];
                    if (slot->Type != HandleSlot.DependentType || slot->Target == null || slot->Secondary == null)
                        continue;
                    var secondary = (byte*)slot->Secondary;
                    if (Marker.IsLive((byte*)slot->Target) && !Marker.IsLive(secondary))
                    {
                        Marker.Mark(secondary);
                        Marker.Drain();
                        changed = true;
                    }
                }
            }
        }
    }

    /// <summary>Clears handles of <paramref name="type"/> whose target is dead; for dependent handles, the secondary too.</summary>
    public static void ClearDead(long type)
    {
        for (HandlePage* page = HandleTable.Pages; page != null; page = page->Next)
        {
            HandleSlot* slots = page->First;
            for (int i = 0; i < HandlePage.SlotCount; i++)
            {
                HandleSlot* slot = &slots[i];
                if (slot->Type != type || slot->Target == null || Marker.IsLive((byte*)slot->Target))
                    continue;
                slot->Target = null;
                if (type == HandleSlot.DependentType)
                    slot->Secondary = null;
            }
        }
    }
}
