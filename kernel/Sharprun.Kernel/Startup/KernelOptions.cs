namespace Sharprun.Kernel.Startup;

/// <summary>
/// The kernel's own options, which the launcher puts in front of the application's arguments:
/// unquoted words ended by a <c>--</c> word, e.g. <c>gc.verify env "A=1" "B=2" -- "arg1" "arg2"</c>. A line
/// without an unquoted <c>--</c> before its first quoted word (other than the environment's) is all arguments,
/// so hand-typed command lines keep working. Options: <c>gc.verify</c> (heap verification around each
/// collection), <c>gc.trace</c> (a line per collection), <c>console.input</c> (the host feeds the console's input,
/// so reading standard input waits for it instead of seeing end of file) and <c>env</c> followed by the
/// application's environment variables as quoted <c>"KEY=VALUE"</c> tokens (see EnvironmentTokens, which decodes
/// them; here they are only delimited). The network options <c>net.ip=ADDR/PREFIX</c>, <c>net.gateway=ADDR</c> and
/// <c>net.dns=ADDR[,ADDR]</c> configure eth0; their values are only delimited here and parsed by the sockets PAL.
/// <c>fs.mounts=DISK:PATH[:ro][,...]</c> names the disks to mount; its value is parsed by the file PAL.
/// </summary>
internal static class KernelOptions
{
    public static bool VerifyHeap { get; private set; }

    public static bool TraceCollections { get; private set; }

    public static bool ConsoleInput { get; private set; }

    /// <summary>Where the value of <c>net.ip=</c> lies in the line (empty without one: DHCP).</summary>
    public static System.Range NetworkAddress { get; private set; }

    /// <summary>Where the value of <c>net.gateway=</c> lies in the line (empty without one).</summary>
    public static System.Range NetworkGateway { get; private set; }

    /// <summary>Where the value of <c>net.dns=</c> lies in the line (empty without one).</summary>
    public static System.Range NetworkDns { get; private set; }

    /// <summary>Where the value of <c>fs.mounts=</c> lies in the line (empty without one: no disk is mounted).</summary>
    public static System.Range Mounts { get; private set; }

    /// <summary>Where the quoted tokens of the <c>env</c> option lie in the line (empty without one).</summary>
    public static System.Range Environment { get; private set; }

    /// <summary>
    /// Applies the options at the start of <paramref name="line"/> and returns where the application's
    /// arguments start; or -1 with <paramref name="error"/> set and <paramref name="culprit"/> the word at fault.
    /// </summary>
    public static int Parse(System.ReadOnlySpan<byte> line, out string? error, out System.Range culprit)
    {
        error = null;
        culprit = default;
        int argumentsStart = FindSeparatorEnd(line);
        if (argumentsStart < 0)
        {
            Environment = default;
            NetworkAddress = default;
            NetworkGateway = default;
            NetworkDns = default;
            Mounts = default;
            return 0;
        }
        bool verify = false, trace = false, input = false, environment = false;
        System.Range variables = default, address = default, gateway = default, dns = default, mounts = default;
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == (byte)' ')
                i++;
            int start = i;
            while (i < line.Length && line[i] != (byte)' ')
                i++;
            System.ReadOnlySpan<byte> word = line[start..i];
            if (word.SequenceEqual("--"u8))
                break;
            if (word.SequenceEqual("gc.verify"u8))
                verify = true;
            else if (word.SequenceEqual("gc.trace"u8))
                trace = true;
            else if (word.SequenceEqual("console.input"u8))
                input = true;
            else if (word.SequenceEqual("env"u8))
            {
                if (environment)
                    return Fail("the kernel option env is given twice", start, i, out error, out culprit);
                environment = true;
                int tokensStart = i;
                i = SkipQuotedTokens(line, i);
                if (i < 0 || i == tokensStart)
                    return Fail("the kernel option env must be followed by quoted \"KEY=VALUE\" tokens", start, start + 3, out error, out culprit);
                variables = tokensStart..i;
            }
            else if (word.StartsWith("net.ip="u8))
            {
                if (!TakeValue(ref address, start, i, "net.ip="u8.Length, out error, out culprit))
                    return -1;
            }
            else if (word.StartsWith("net.gateway="u8))
            {
                if (!TakeValue(ref gateway, start, i, "net.gateway="u8.Length, out error, out culprit))
                    return -1;
            }
            else if (word.StartsWith("net.dns="u8))
            {
                if (!TakeValue(ref dns, start, i, "net.dns="u8.Length, out error, out culprit))
                    return -1;
            }
            else if (word.StartsWith("fs.mounts="u8))
            {
                if (!TakeValue(ref mounts, start, i, "fs.mounts="u8.Length, out error, out culprit))
                    return -1;
            }
            else
                return Fail("unknown kernel option (known: env, gc.verify, gc.trace, console.input, net.ip=, net.gateway=, net.dns=, fs.mounts=)", start, i, out error, out culprit);
        }
        VerifyHeap = verify;
        TraceCollections = trace;
        ConsoleInput = input;
        Environment = variables;
        NetworkAddress = address;
        NetworkGateway = gateway;
        NetworkDns = dns;
        Mounts = mounts;
        return argumentsStart;
    }

    /// <summary>Records where a <c>name=value</c> option's value lies; false (with the error) when empty or repeated.</summary>
    private static bool TakeValue(ref System.Range value, int start, int end, int nameLength, out string? error, out System.Range culprit)
    {
        error = null;
        culprit = default;
        if (!value.Equals(default(System.Range)))
        {
            Fail("a kernel option is given twice", start, end, out error, out culprit);
            return false;
        }
        if (end - start == nameLength)
        {
            Fail("a kernel option needs a value after '='", start, end, out error, out culprit);
            return false;
        }
        value = (start + nameLength)..end;
        return true;
    }

    /// <summary>Index just past an unquoted "--" word that comes before any quoted word outside env's; -1 if there is none.</summary>
    private static int FindSeparatorEnd(System.ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == (byte)' ')
                i++;
            if (i == line.Length || line[i] == (byte)'"')
                return -1;
            int start = i;
            while (i < line.Length && line[i] != (byte)' ')
            {
                if (line[i] == (byte)'"' || line[i] == (byte)'\\')
                    return -1;
                i++;
            }
            if (line[start..i].SequenceEqual("--"u8))
                return i;
            if (line[start..i].SequenceEqual("env"u8))
            {
                i = SkipQuotedTokens(line, i);
                if (i < 0)
                    return -1;
            }
        }
    }

    /// <summary>
    /// Index just past the quoted tokens that follow <paramref name="i"/> (after spaces), a backslash escaping the
    /// next byte; <paramref name="i"/> itself when none follows; -1 when a quote is never closed.
    /// </summary>
    private static int SkipQuotedTokens(System.ReadOnlySpan<byte> line, int i)
    {
        int end = i;
        while (true)
        {
            while (i < line.Length && line[i] == (byte)' ')
                i++;
            if (i == line.Length || line[i] != (byte)'"')
                return end;
            i++;
            while (i < line.Length && line[i] != (byte)'"')
                i += line[i] == (byte)'\\' ? 2 : 1;
            if (i >= line.Length)
                return -1;
            end = ++i;
        }
    }

    private static int Fail(string message, int start, int end, out string? error, out System.Range culprit)
    {
        error = message;
        culprit = start..end;
        return -1;
    }
}
