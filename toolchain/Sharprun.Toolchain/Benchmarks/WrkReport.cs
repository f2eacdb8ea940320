using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// What <c>wrk --latency</c> printed about one load run: requests per second, the 50th and 99th latency
/// percentiles of its "Latency Distribution", the request count, and the counts of failed sockets and of
/// answers that were not 2xx or 3xx (lines wrk prints only when they are not zero). Output without one of the
/// figures, or with a figure that is not a plain number with one of wrk's units, is an error: a figure the
/// benchmark reports could otherwise be made up of a partial or garbled run.
/// </summary>
public sealed partial record WrkReport(
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    long Requests,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long Timeouts,
    long Non2xxOr3xx)
{
    /// <summary>Longer output is not wrk's summary of one run.</summary>
    private const int MaxOutputLength = 64 * 1024;

    [GeneratedRegex(@"^\s*Requests/sec:\s+(\d+(?:\.\d+)?)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*(50|99)%\s+(\d+(?:\.\d+)?)(us|ms|s|m|h)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"^\s*(\d+) requests in \d+(?:\.\d+)?(?:us|ms|s|m|h), ", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"^\s*Non-2xx or 3xx responses: (\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Non2xxLine();

    /// <summary>The start of a line wrk prints only about failures: one that then does not match its full form could hide them.</summary>
    [GeneratedRegex(@"^\s*(Socket errors|Non-2xx)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FailureLineStart();

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    /// <param name="source">Who was measured, for error messages.</param>
    public static WrkReport Parse(string output, string source)
    {
        if (output.Length > MaxOutputLength)
            throw Malformed(source, output, $"more than {MaxOutputLength} characters");
        string text = output.ReplaceLineEndings("\n");
        double requestsPerSecond = Number(Single(RequestsPerSecondLine(), text, "Requests/sec", source).Groups[1].Value, "Requests/sec", source);
        double? p50 = null, p99 = null;
        foreach (Match match in PercentileLine().Matches(text))
        {
            double milliseconds = Number(match.Groups[2].Value, match.Groups[1].Value + "%", source) * UnitMilliseconds(match.Groups[3].Value);
            ref double? slot = ref match.Groups[1].Value == "50" ? ref p50 : ref p99;
            if (slot is not null)
                throw Malformed(source, output, $"the {match.Groups[1].Value}% latency appears twice");
            slot = milliseconds;
        }
        if (p50 is null || p99 is null)
            throw Malformed(source, output, "no 50% and 99% lines of a latency distribution (was wrk run with --latency?)");
        long requests = Count(Single(RequestsLine(), text, "requests in", source).Groups[1].Value, "requests", source);
        var socket = Optional(SocketErrorsLine(), text, "Socket errors", source);
        var non2xx = Optional(Non2xxLine(), text, "Non-2xx or 3xx responses", source);
        if (FailureLineStart().Matches(text).Count != (socket is null ? 0 : 1) + (non2xx is null ? 0 : 1))
            throw Malformed(source, output, "a 'Socket errors' or 'Non-2xx' line is not in wrk's form");
        return new WrkReport(requestsPerSecond, p50.Value, p99.Value, requests,
            socket is null ? 0 : Count(socket.Groups[1].Value, "connect errors", source),
            socket is null ? 0 : Count(socket.Groups[2].Value, "read errors", source),
            socket is null ? 0 : Count(socket.Groups[3].Value, "write errors", source),
            socket is null ? 0 : Count(socket.Groups[4].Value, "timeouts", source),
            non2xx is null ? 0 : Count(non2xx.Groups[1].Value, "non-2xx responses", source));
    }

    /// <summary>
    /// Throws when the run did not measure what it claims: no request answered, an answer that was not a success,
    /// or failed sockets for more than <paramref name="tolerated"/> of the requests (wrk counts a connection closed
    /// under it at the end of the run, or a request slower than its timeout, as one).
    /// </summary>
    public void Check(string source, double tolerated)
    {
        if (Requests == 0 || RequestsPerSecond <= 0)
            throw new ToolchainException($"wrk against {source}: no request was answered");
        if (Non2xxOr3xx > 0)
            throw new ToolchainException($"wrk against {source}: {Non2xxOr3xx} of {Requests} answers were not 2xx or 3xx");
        if (SocketErrors > tolerated * Requests)
        {
            throw new ToolchainException(string.Create(CultureInfo.InvariantCulture,
                $"wrk against {source}: socket errors (connect {ConnectErrors}, read {ReadErrors}, write {WriteErrors}, timeout {Timeouts}) for more than {tolerated:P0} of {Requests} requests"));
        }
    }

    private static Match Single(Regex line, string text, string what, string source)
    {
        var matches = line.Matches(text);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw Malformed(source, text, $"no '{what}' line"),
            _ => throw Malformed(source, text, $"'{what}' appears {matches.Count} times"),
        };
    }

    private static Match? Optional(Regex line, string text, string what, string source)
    {
        var matches = line.Matches(text);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw Malformed(source, text, $"'{what}' appears {matches.Count} times"),
        };
    }

    private static double Number(string text, string what, string source) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ToolchainException($"wrk against {source}: '{PrintableText.Of(text)}' is not a number ({what})");

    private static long Count(string text, string what, string source) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new ToolchainException($"wrk against {source}: '{PrintableText.Of(text)}' is not a count ({what})");

    /// <summary>wrk's time units (its format_time): microseconds to hours.</summary>
    private static double UnitMilliseconds(string unit) => unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not one of wrk's time units"),
    };

    private static ToolchainException Malformed(string source, string output, string why) =>
        new($"wrk against {source} printed no usable report ({why}): {PrintableText.Tail(output.Trim(), 300)}");
}
