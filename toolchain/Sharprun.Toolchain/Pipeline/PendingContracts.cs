// TEMPORARY (pipeline worker): stands in for the linker's entry point until Linking/ElfLinker.cs lands.
// Delete this file when it does.
using System;

namespace Sharprun.Toolchain.Linking;

public static class ElfLinker
{
    public static LinkResult Link(LinkOptions options) => throw new NotImplementedException("ElfLinker.Link is not written yet");
}
