namespace Sharprun.Net.Fuzz;

/// <summary>The stack broke one of the harness's invariants: a finding, which the fuzzers record as a crash.</summary>
public sealed class InvariantViolationException(string message, Exception? inner = null) : Exception(message, inner);
