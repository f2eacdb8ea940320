namespace Sharprun.Hypercall;

/// <summary>What the CPU allows on a page, for <see cref="Hypercalls.ProtectPages"/>.</summary>
public enum PageAccess
{
    /// <summary>Unmapped: any access faults. A stack's guard page.</summary>
    None,
    ReadOnly,
    ReadWrite,
    /// <summary>Readable and executable, not writable (code).</summary>
    ReadExecute,
}
