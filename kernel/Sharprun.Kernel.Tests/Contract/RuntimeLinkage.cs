using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Sharprun.Kernel.Tests.Contract;

/// <summary>
/// The runtime-contract names an assembly declares, read from its metadata: what it imports from the runtime
/// ([RuntimeImport] and DllImport("*"), the runtime library's name) and what it exports to it ([RuntimeExport],
/// [UnmanagedCallersOnly(EntryPoint = ...)]).
/// </summary>
internal sealed class RuntimeLinkage
{
    /// <summary>Entry name → the methods that import it ("Type::Method in Assembly").</summary>
    public Dictionary<string, List<string>> Imports { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Exports { get; } = new(StringComparer.Ordinal);

    public static RuntimeLinkage Read(IEnumerable<string> assemblies)
    {
        var linkage = new RuntimeLinkage();
        foreach (var path in assemblies)
            linkage.Add(path);
        return linkage;
    }

    private void Add(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        if (!pe.HasMetadata)
            return;
        MetadataReader metadata = pe.GetMetadataReader();
        string assembly = Path.GetFileNameWithoutExtension(path);
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                MethodDefinition method = metadata.GetMethodDefinition(methodHandle);
                string where = $"{metadata.GetString(type.Name)}::{metadata.GetString(method.Name)} in {assembly}";
                PInvoke(metadata, method, where);
                foreach (var attributeHandle in method.GetCustomAttributes())
                    Attribute(metadata, metadata.GetCustomAttribute(attributeHandle), where);
            }
        }
    }

    private void PInvoke(MetadataReader metadata, MethodDefinition method, string where)
    {
        MethodImport import = method.GetImport();
        if (import.Module.IsNil)
            return;
        string module = metadata.GetString(metadata.GetModuleReference(import.Module).Name);
        if (module == "*")
            AddImport(metadata.GetString(import.Name), where);
    }

    private void Attribute(MetadataReader metadata, CustomAttribute attribute, string where)
    {
        string name = AttributeName(metadata, attribute);
        if (name is not ("RuntimeImportAttribute" or "RuntimeExportAttribute" or "UnmanagedCallersOnlyAttribute"))
            return;
        var value = attribute.DecodeValue(new StringArguments());
        if (name == "RuntimeImportAttribute")
            AddImport((string)value.FixedArguments[^1].Value!, where);
        else if (name == "RuntimeExportAttribute")
            Exports.Add((string)value.FixedArguments[0].Value!);
        else if (value.NamedArguments.FirstOrDefault(a => a.Name == "EntryPoint").Value is string entryPoint)
            Exports.Add(entryPoint);
    }

    private void AddImport(string entry, string where)
    {
        if (!Imports.TryGetValue(entry, out var list))
            Imports[entry] = list = [];
        list.Add(where);
    }

    private static string AttributeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return type.Kind switch
        {
            HandleKind.TypeReference => metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => "",
        };
    }

    /// <summary>Decodes the attributes above, whose arguments are strings, and skips over any other argument kind.</summary>
    private sealed class StringArguments : ICustomAttributeTypeProvider<Type>
    {
        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.String => typeof(string),
            PrimitiveTypeCode.Boolean => typeof(bool),
            PrimitiveTypeCode.Int32 => typeof(int),
            _ => typeof(object),
        };

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(int);

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(int);

        public Type GetTypeFromSerializedName(string name) => typeof(Type);

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
