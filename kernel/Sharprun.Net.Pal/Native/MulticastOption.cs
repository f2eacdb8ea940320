namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h MulticastOption: what SystemNative_Set/GetIP*MulticastOption change.</summary>
internal enum MulticastOption
{
    Add = 0,
    Drop = 1,
    Interface = 2,
}
