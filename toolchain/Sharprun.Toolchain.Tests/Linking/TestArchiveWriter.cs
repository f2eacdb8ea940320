using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Tests.Linking;

/// <summary>
/// Test-only: writes a GNU ar archive as GNU ar does — symbol index <c>/</c>, long-name table <c>//</c> for names
/// longer than 15 characters, members padded to even offsets — so the reader is tested on real archive bytes.
/// </summary>
internal static class TestArchiveWriter
{
    public const int HeaderSize = 60;

    public sealed record Member(string Name, byte[] Contents, params string[] Defines);

    public static byte[] Write(params Member[] members)
    {
        var longNames = new MemoryStream();
        var names = new List<string>();
        foreach (var member in members)
        {
            if (member.Name.Length > 15)
            {
                names.Add("/" + longNames.Length);
                longNames.Write(Encoding.ASCII.GetBytes(member.Name + "/\n"));
            }
            else
            {
                names.Add(member.Name + "/");
            }
        }
        var symbols = members.SelectMany((m, i) => m.Defines.Select(d => (Symbol: d, Member: i))).ToList();
        int indexSize = 4 + 4 * symbols.Count + symbols.Sum(s => s.Symbol.Length + 1);
        long offset = 8 + HeaderSize + Padded(indexSize);
        if (longNames.Length > 0)
            offset += HeaderSize + Padded((int)longNames.Length);
        var memberOffsets = new long[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            memberOffsets[i] = offset;
            offset += HeaderSize + Padded(members[i].Contents.Length);
        }

        var index = new byte[indexSize];
        BinaryPrimitives.WriteUInt32BigEndian(index, (uint)symbols.Count);
        int at = 4 + 4 * symbols.Count;
        for (int i = 0; i < symbols.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(index.AsSpan(4 + 4 * i), (uint)memberOffsets[symbols[i].Member]);
            Encoding.ASCII.GetBytes(symbols[i].Symbol).CopyTo(index, at);
            at += symbols[i].Symbol.Length + 1;
        }

        var file = new MemoryStream();
        file.Write("!<arch>\n"u8);
        WriteMember(file, "/", index);
        if (longNames.Length > 0)
            WriteMember(file, "//", longNames.ToArray());
        for (int i = 0; i < members.Length; i++)
            WriteMember(file, names[i], members[i].Contents);
        return file.ToArray();
    }

    public static byte[] Header(string name, long size) =>
        Encoding.ASCII.GetBytes($"{name,-16}{"0",-12}{"0",-6}{"0",-6}{"644",-8}{size,-10}`\n");

    private static void WriteMember(MemoryStream file, string name, byte[] contents)
    {
        file.Write(Header(name, contents.Length));
        file.Write(contents);
        if (contents.Length % 2 != 0)
            file.WriteByte((byte)'\n');
    }

    private static int Padded(int size) => size + (size & 1);
}
