namespace Sharprun.Vfs.Baked;

/// <summary>
/// The fields of one cpio "newc" header that the baked file system uses: 110 ASCII bytes, the magic 070701 (or
/// 070702, the same with a checksum, which is not verified) and thirteen 8-digit hexadecimal fields.
/// </summary>
internal readonly record struct CpioHeader(uint Mode, uint UserId, uint GroupId, uint ModifyTime, uint FileSize, uint NameSize)
{
    public const int Size = 110;

    private const int FieldLength = 8;
    private const int MagicLength = 6;

    private static readonly string[] FieldNames =
    [
        "c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
        "c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
    ];

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (at least <see cref="Size"/> long); the message says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out CpioHeader header, out string message)
    {
        header = default;
        if (!bytes.StartsWith("070701"u8) && !bytes.StartsWith("070702"u8))
        {
            message = "not a cpio \"newc\" header (magic 070701 expected)";
            return false;
        }
        Span<uint> fields = stackalloc uint[FieldNames.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (!TryParseHex(bytes.Slice(MagicLength + i * FieldLength, FieldLength), out fields[i]))
            {
                message = $"the header field {FieldNames[i]} is not 8 hexadecimal digits";
                return false;
            }
        }
        header = new CpioHeader(fields[1], fields[2], fields[3], fields[5], fields[6], fields[11]);
        message = "";
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> digits, out uint value)
    {
        value = 0;
        foreach (byte digit in digits)
        {
            int nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
                return false;
            value = (value << 4) | (uint)nibble;
        }
        return true;
    }
}
