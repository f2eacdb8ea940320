namespace Sharprun.Ext2.Fuzz;

/// <summary>How far an image got: a refused mount is a correct answer too, but a run of only those would test little.</summary>
public enum MountOutcome
{
    Refused,
    ReadOnly,
    ReadWrite,
}
