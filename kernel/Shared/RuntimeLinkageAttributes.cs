// Compiled into every assembly that ILC links into an image (kernel and platforms).
// ILC recognizes these attributes by namespace and name, in any assembly:
//   RuntimeExport: the method becomes a global symbol with the managed (SysV) calling convention, no transition;
//   RuntimeImport: an InternalCall extern method becomes a direct call to the named symbol.
namespace System.Runtime
{
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class RuntimeExportAttribute : Attribute
    {
        public RuntimeExportAttribute(string entry) => Entry = entry;

        public string Entry { get; }
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class RuntimeImportAttribute : Attribute
    {
        public RuntimeImportAttribute(string entry) => Entry = entry;

        public string Entry { get; }
    }
}
