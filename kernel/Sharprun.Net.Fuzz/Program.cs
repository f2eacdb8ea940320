using SharpFuzz;
using Sharprun.Net.Fuzz;

// The fuzz harness's entry: fuzz.sh runs it in one of these modes.
const string Usage = """
    usage: Sharprun.Net.Fuzz afl COUNTER-DIR              the AFL++ target (input on stdin, through SharpFuzz)
           Sharprun.Net.Fuzz random FRAMES CORPUS-DIR FINDINGS-DIR [SEED] [TIME-LIMIT-S]
                                                          the in-process mutational fuzzer
           Sharprun.Net.Fuzz replay FILE...               runs inputs once each and says what they did
           Sharprun.Net.Fuzz make-corpus DIR              writes the seed corpus
    """;

switch (args)
{
    case ["afl", string counters]:
        {
            using var counter = new FrameCounter(counters);
            byte[] input = new byte[1 << 20];
            Fuzzer.Run(stream =>
            {
                int length = stream.ReadAtLeast(input, input.Length, throwOnEndOfStream: false);
                var target = new FuzzTarget();
                try
                {
                    target.Run(input.AsSpan(0, length));
                }
                finally
                {
                    counter.Add(target.FramesFed);
                }
            });
            return 0;
        }
    case ["random", string frames, string corpusDirectory, string findingsDirectory, .. var rest]:
        {
            int seed = rest.Length > 0 ? int.Parse(rest[0]) : 1;
            var limit = TimeSpan.FromSeconds(rest.Length > 1 ? double.Parse(rest[1]) : 10);
            var corpus = Directory.GetFiles(corpusDirectory).Where(path => !path.EndsWith(".md")).Order().Select(File.ReadAllBytes).ToList();
            if (corpus.Count == 0)
                throw new InvalidOperationException($"no seeds in {corpusDirectory}");
            var findings = new Findings(findingsDirectory);
            var fuzzer = new RandomFuzzer(corpus, findings, seed, limit);
            fuzzer.Run(long.Parse(frames));
            Console.WriteLine($"executions: {fuzzer.Inputs}");
            Console.WriteLine($"frames fed: {fuzzer.Frames}");
            Console.WriteLine($"frames sent by the stack: {fuzzer.FramesTransmitted}");
            Console.WriteLine($"crashes: {fuzzer.Crashes} ({findings.Saved} distinct saved)");
            Console.WriteLine("hangs: 0");
            Console.WriteLine($"drops: {fuzzer.DropSummary()}");
            Console.WriteLine($"findings: {Path.GetFullPath(findingsDirectory)}");
            return fuzzer.Crashes == 0 ? 0 : 1;
        }
    case ["replay", .. var files] when files.Length > 0:
        {
            int failed = 0;
            foreach (string file in files)
            {
                var target = new FuzzTarget();
                try
                {
                    target.Run(File.ReadAllBytes(file));
                    Console.WriteLine($"{file}: ok, {target.FramesFed} frames, {target.Eth0.FramesTransmitted + target.Eth1.FramesTransmitted} sent; {target.Stack.Statistics}");
                }
                catch (Exception exception)
                {
                    failed++;
                    Console.WriteLine($"{file}: FAILED after {target.FramesFed} frames{Environment.NewLine}{exception}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
    case ["make-corpus", string directory]:
        CorpusBuilder.WriteAll(directory);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
