namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// One RuntimeHostConfigurationOption of a project: a setting of its runtimeconfig.json (<c>System.GC.Server</c>,
/// an AppContext switch), which ILC bakes in as a runtime knob since a NativeAOT program has no runtimeconfig.json.
/// </summary>
/// <param name="Trim">Whether it is also a trimming feature switch (the item's Trim="true"): ILC then removes the code it disables.</param>
public sealed record RuntimeHostOption(string Name, string Value, bool Trim)
{
    public string Setting => Name + "=" + Value;
}
