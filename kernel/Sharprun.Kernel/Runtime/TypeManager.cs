using System.Runtime;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// One managed module (ILC emits one per image): its ReadyToRun header, whose rows locate the GC
/// statics, frozen objects, eager class constructors and metadata blobs CoreLib asks for.
/// TypeManagerHandle values handed to CoreLib are pointers to these, and CoreLib reads the first two fields
/// itself (Internal.Runtime.TypeManagerHandle: the OS module, then the header), so their order is fixed.
/// </summary>
internal unsafe struct TypeManager
{
    private const uint ReadyToRunSignature = 0x00525452; // "RTR"
    private const ushort SupportedMajorVersion = 16; // what ILC 10.0 emits
    private const int HasEndPointer = 0x1;
    private const int FirstBlobSection = 300;

    private nint _osModule;
    private ReadyToRunHeader* _header;
    private nint* _classlibFunctions;
    private int _classlibFunctionCount;

    [RuntimeExport("RhpCreateTypeManager")]
    private static TypeManager* Create(nint osModule, ReadyToRunHeader* header, nint* classlibFunctions, int classlibFunctionCount)
    {
        if (header->Signature != ReadyToRunSignature || header->MajorVersion != SupportedMajorVersion
            || header->EntrySize != sizeof(ModuleInfoRow))
            return null;
        var manager = (TypeManager*)KernelHeap.Allocate((nuint)sizeof(TypeManager));
        if (manager == null)
            return null;
        manager->_header = header;
        manager->_osModule = osModule;
        manager->_classlibFunctions = classlibFunctions;
        manager->_classlibFunctionCount = classlibFunctionCount;
        ModuleRegistry.Register(manager);
        return manager;
    }

    [RuntimeExport("RhpGetModuleSection")]
    private static void* GetModuleSection(TypeManager** handle, int sectionId, int* length) =>
        (*handle)->FindSection(sectionId, length);

    [RuntimeExport("RhFindBlob")]
    private static bool FindBlob(TypeManager** handle, uint blobId, byte** blob, uint* blobLength)
    {
        int length;
        void* start = (*handle)->FindSection(FirstBlobSection + (int)blobId, &length);
        *blob = (byte*)start;
        *blobLength = (uint)length;
        return start != null;
    }

    public nint OsModule => _osModule;

    public void* GetClasslibFunction(int id) =>
        (uint)id < (uint)_classlibFunctionCount ? (void*)_classlibFunctions[id] : null;

    public void* FindSection(int sectionId, int* length)
    {
        var rows = (ModuleInfoRow*)(_header + 1);
        for (int i = 0; i < _header->NumberOfSections; i++)
        {
            if (rows[i].SectionId == sectionId)
            {
                *length = (rows[i].Flags & HasEndPointer) != 0 ? (int)((byte*)rows[i].End - (byte*)rows[i].Start) : sizeof(nint);
                return rows[i].Start;
            }
        }
        *length = 0;
        return null;
    }

    internal struct ReadyToRunHeader
    {
        public uint Signature;
        public ushort MajorVersion;
        public ushort MinorVersion;
        public uint Flags;
        public ushort NumberOfSections;
        public byte EntrySize;
        public byte EntryType;
    }

    private struct ModuleInfoRow
    {
        public int SectionId;
        public int Flags;
        public void* Start;
        public void* End;
    }
}
