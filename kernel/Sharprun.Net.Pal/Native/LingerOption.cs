namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h LingerOption.</summary>
internal struct LingerOption
{
    public int OnOff;
    public int Seconds;
}
