using Xunit;

namespace Sharprun.Ext2.TestTools;

/// <summary>A fact that xunit skips, saying why, when e2fsprogs is not installed.</summary>
public sealed class E2fsFactAttribute : FactAttribute
{
    public E2fsFactAttribute()
    {
        if (!E2fsTools.Available)
            Skip = E2fsTools.MissingMessage;
    }
}

/// <summary>A theory that xunit skips, saying why, when e2fsprogs is not installed.</summary>
public sealed class E2fsTheoryAttribute : TheoryAttribute
{
    public E2fsTheoryAttribute()
    {
        if (!E2fsTools.Available)
            Skip = E2fsTools.MissingMessage;
    }
}
