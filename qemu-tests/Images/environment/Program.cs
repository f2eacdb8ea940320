// The process and its environment as the guest sees them: variables from `run -e` and `build -e`, the process id,
// user, host and operating system. Arguments name the variables to print.
using System.Collections;
using System.Runtime.InteropServices;

foreach (var name in args)
    Console.WriteLine($"{name}={Environment.GetEnvironmentVariable(name) ?? "(unset)"}");
var variables = Environment.GetEnvironmentVariables();
var keys = variables.Keys.Cast<string>().Order(StringComparer.Ordinal).ToList();
Console.WriteLine($"count: {variables.Count}");
Console.WriteLine($"keys: [{string.Join(", ", keys)}]");
foreach (DictionaryEntry entry in variables)
{
    if (!Equals(Environment.GetEnvironmentVariable((string)entry.Key), entry.Value))
        Console.WriteLine($"mismatch: {entry.Key}");
}

Environment.SetEnvironmentVariable("SET_IN_GUEST", "yes");
Console.WriteLine($"set: {Environment.GetEnvironmentVariable("SET_IN_GUEST")}, count now {Environment.GetEnvironmentVariables().Count}");
Console.WriteLine($"expand: {Environment.ExpandEnvironmentVariables("[%SET_IN_GUEST%] [%NOT_DEFINED_ANYWHERE%]")}");

int pid = Environment.ProcessId;
Console.WriteLine($"pid: {pid}, stable {pid == Environment.ProcessId}, positive {pid > 0}");
Console.WriteLine($"user: {Environment.UserName}, privileged {Environment.IsPrivilegedProcess}");
Console.WriteLine($"machine: {Environment.MachineName}, domain {Environment.UserDomainName}");
Console.WriteLine($"os version: {Environment.OSVersion}");
Console.WriteLine($"os description: {RuntimeInformation.OSDescription}");
Console.WriteLine($"os architecture: {RuntimeInformation.OSArchitecture}, process {RuntimeInformation.ProcessArchitecture}, 64-bit {Environment.Is64BitOperatingSystem}");
Console.WriteLine($"is linux: {OperatingSystem.IsLinux()}");
Console.WriteLine($"processors: {Environment.ProcessorCount}");
