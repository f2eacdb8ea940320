using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Sharprun.Kernel.Tests.Exceptions;

/// <summary>
/// The NativeAOT System.Private.CoreLib that images are compiled with (the ILCompiler package pinned in
/// the repository's Directory.Build.props), read as metadata: the layouts the kernel must match are
/// those this exact assembly was compiled with, not the host runtime's.
/// </summary>
internal static class NativeAotCoreLib
{
    private static readonly Lazy<MetadataReader> Reader = new(Open);

    /// <summary>Declared size and field offsets of an explicit-layout type ("System.Runtime.EH+ExInfo").</summary>
    public static (int Size, Dictionary<string, int> Offsets) ExplicitLayout(string typeName)
    {
        MetadataReader metadata = Reader.Value;
        TypeDefinition type = Find(typeName);
        var offsets = new Dictionary<string, int>();
        foreach (FieldDefinitionHandle handle in type.GetFields())
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0)
                offsets[metadata.GetString(field.Name)] = field.GetOffset();
        }
        return (type.GetLayout().Size, offsets);
    }

    /// <summary>Instance fields of a sequential type in declaration order, with their x64 sizes.</summary>
    public static List<(string Name, int Size)> SequentialFields(string typeName)
    {
        MetadataReader metadata = Reader.Value;
        var fields = new List<(string, int)>();
        foreach (FieldDefinitionHandle handle in Find(typeName).GetFields())
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0)
                fields.Add((metadata.GetString(field.Name), field.DecodeSignature(new FieldSizes(), null)));
        }
        return fields;
    }

    /// <summary>Named constants of an enum or class ("System.Runtime.EH+ExKind").</summary>
    public static Dictionary<string, long> Constants(string typeName)
    {
        MetadataReader metadata = Reader.Value;
        var values = new Dictionary<string, long>();
        foreach (FieldDefinitionHandle handle in Find(typeName).GetFields())
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            ConstantHandle constantHandle = field.GetDefaultValue();
            if (constantHandle.IsNil)
                continue;
            Constant constant = metadata.GetConstant(constantHandle);
            BlobReader blob = metadata.GetBlobReader(constant.Value);
            values[metadata.GetString(field.Name)] = constant.TypeCode switch
            {
                ConstantTypeCode.Byte => blob.ReadByte(),
                ConstantTypeCode.Int32 => blob.ReadInt32(),
                ConstantTypeCode.UInt32 => blob.ReadUInt32(),
                ConstantTypeCode.Int64 => blob.ReadInt64(),
                _ => throw new NotSupportedException($"{typeName}.{metadata.GetString(field.Name)}: {constant.TypeCode}"),
            };
        }
        return values;
    }

    private static TypeDefinition Find(string typeName)
    {
        MetadataReader metadata = Reader.Value;
        foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
        {
            if (FullName(metadata, handle) == typeName)
                return metadata.GetTypeDefinition(handle);
        }
        throw new InvalidOperationException($"{typeName} is not in the NativeAOT CoreLib");
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        TypeDefinition type = metadata.GetTypeDefinition(handle);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
            return FullName(metadata, declaring) + "+" + metadata.GetString(type.Name);
        return metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
    }

    /// <summary>The runtime pack's native folder: CoreLib, its System.Private companions and the native archives.</summary>
    public static string NativeDirectory => Path.GetDirectoryName(CoreLibPath())!;

    /// <summary>The runtime pack's framework assemblies (lib/net10.0).</summary>
    public static string FrameworkDirectory =>
        Directory.GetDirectories(Path.Combine(NativeDirectory, "..", "lib")).Single();

    private static MetadataReader Open()
    {
        var reader = new PEReader(ImmutableArray.Create(File.ReadAllBytes(CoreLibPath())));
        return reader.GetMetadataReader();
    }

    private static string CoreLibPath()
    {
        string props = FindRepositoryFile("Directory.Build.props");
        Match version = Regex.Match(File.ReadAllText(props), "<SharprunIlcVersion>([^<]+)</SharprunIlcVersion>");
        if (!version.Success)
            throw new InvalidOperationException($"{props} does not pin SharprunIlcVersion");
        string packages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "microsoft.netcore.app.runtime.nativeaot.linux-x64", version.Groups[1].Value, "runtimes", "linux-x64", "native", "System.Private.CoreLib.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException("The NativeAOT CoreLib is restored with the toolchain (dotnet restore toolchain/Sharprun.Toolchain)", path);
        return path;
    }

    private static string FindRepositoryFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, name);
            if (File.Exists(candidate) && File.ReadAllText(candidate).Contains("SharprunIlcVersion"))
                return candidate;
        }
        throw new FileNotFoundException($"no {name} pinning SharprunIlcVersion above {AppContext.BaseDirectory}");
    }

    /// <summary>x64 sizes of the field types the EH structs use.</summary>
    private sealed class FieldSizes : ISignatureTypeProvider<int, object?>
    {
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean or PrimitiveTypeCode.Byte or PrimitiveTypeCode.SByte => 1,
            PrimitiveTypeCode.Int16 or PrimitiveTypeCode.UInt16 or PrimitiveTypeCode.Char => 2,
            PrimitiveTypeCode.Int32 or PrimitiveTypeCode.UInt32 or PrimitiveTypeCode.Single => 4,
            _ => 8,
        };

        public int GetPointerType(int elementType) => 8;

        // The only value types among these fields are int-sized enums (EH+RhEHClauseKind).
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 4;

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            throw new NotSupportedException(reader.GetString(reader.GetTypeReference(handle).Name));

        public int GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => throw new NotSupportedException();
        public int GetSZArrayType(int elementType) => 8;
        public int GetArrayType(int elementType, ArrayShape shape) => 8;
        public int GetByReferenceType(int elementType) => 8;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 8;
        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => throw new NotSupportedException();
        public int GetGenericMethodParameter(object? context, int index) => throw new NotSupportedException();
        public int GetGenericTypeParameter(object? context, int index) => throw new NotSupportedException();
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => unmodifiedType;
        public int GetPinnedType(int elementType) => elementType;
    }
}
