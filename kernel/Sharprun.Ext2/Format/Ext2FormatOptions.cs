namespace Sharprun.Ext2.Format;

/// <summary>
/// What <see cref="Ext2Formatter"/> may be told; everything else follows mke2fs's ext2 defaults. A null block size
/// picks mke2fs's: 1 KiB below 512 MiB, 4 KiB from there; a null UUID a random one; a null clock the host's time.
/// </summary>
public sealed record Ext2FormatOptions(int? BlockSize = null, Guid? Uuid = null, Func<long>? Clock = null);
