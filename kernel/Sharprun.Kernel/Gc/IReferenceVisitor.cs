namespace Sharprun.Kernel.Gc;

/// <summary>What the collector does with each reference slot it finds; a struct, so visiting needs no allocation.</summary>
internal unsafe interface IReferenceVisitor
{
    void Visit(byte** slot);
}
