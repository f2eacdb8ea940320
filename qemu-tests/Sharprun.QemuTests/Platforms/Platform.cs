namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// Where a test image boots: <see cref="BareMetal"/> is <c>sharprun run</c> in QEMU; <see cref="Xen"/> is the image
/// built with <c>--platform xen</c> as a PVH DomU of the Xen rig's Linux dom0.
/// </summary>
public enum Platform
{
    BareMetal,
    Xen,
}
