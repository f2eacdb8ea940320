using SharpFuzz;
using Sharprun.Ext2.Fuzz;

// The fuzz harness's entry: fuzz.sh runs it in one of these modes.
const string Usage = """
    usage: Sharprun.Ext2.Fuzz afl SEEDS-DIR
                                    the AFL++ target (input on stdin, through SharpFuzz; see AflInput.cs)
           Sharprun.Ext2.Fuzz afl-decode SEEDS-DIR FILE...
                                    writes the image each AFL input stands for, as FILE.img
           Sharprun.Ext2.Fuzz random COUNT SECONDS SEEDS-DIR FINDINGS-DIR INFLIGHT-FILE SEED WORKERS
                                    images 0..COUNT-1 (or until SECONDS), on WORKERS threads
           Sharprun.Ext2.Fuzz replay FILE...
                                    runs saved images (.img or .img.gz) once each and says what they did
           Sharprun.Ext2.Fuzz save-inflight SEEDS-DIR FINDINGS-DIR INFLIGHT-FILE SEED
                                    saves the images a dead run was running, made again from their numbers
    """;
var limit = TimeSpan.FromSeconds(10);

switch (args)
{
    case ["afl", var seedsDirectory]:
        {
            var seeds = SeedImage.LoadAll(seedsDirectory);
            var input = new byte[1 << 16];
            Fuzzer.Run(stream =>
            {
                var length = stream.ReadAtLeast(input, input.Length, throwOnEndOfStream: false);
                ImageRun.Run(AflInput.Decode(seeds, input.AsSpan(0, length)));
            });
            return 0;
        }
    case ["afl-decode", var seedsDirectory, .. var inputs] when inputs.Length > 0:
        {
            var seeds = SeedImage.LoadAll(seedsDirectory);
            foreach (var input in inputs)
            {
                File.WriteAllBytes(input + ".img", AflInput.Decode(seeds, File.ReadAllBytes(input)));
            }
            return 0;
        }
    case ["random", var count, var seconds, var seedsDirectory, var findingsDirectory, var inflightPath, var seed, var workers]:
        {
            var generator = new ImageGenerator(SeedImage.LoadAll(seedsDirectory), int.Parse(seed));
            var seeds = generator.Seeds.Select(image => $"{image.Name} ({image.Layout.Inodes.Count} inodes, {image.Layout.Blocks.Count} metadata blocks)");
            Console.WriteLine($"seeds: {string.Join(", ", seeds)}");
            var findings = new Findings(findingsDirectory);
            using var inflight = new InflightFile(inflightPath, int.Parse(workers));
            var watchdog = new Watchdog(limit, int.Parse(workers), generator, findings);
            var fuzzer = new ParallelFuzzer(generator, findings, watchdog, inflight, int.Parse(workers));
            fuzzer.Run(long.Parse(count), TimeSpan.FromSeconds(double.Parse(seconds)));
            Console.WriteLine($"images: {fuzzer.Images} (seed {seed})");
            Console.WriteLine(fuzzer.Summary());
            Console.WriteLine($"crashes: {fuzzer.Crashes} ({findings.Saved} distinct saved)");
            Console.WriteLine("hangs: 0");
            Console.WriteLine($"findings: {Path.GetFullPath(findingsDirectory)}");
            return fuzzer.Crashes == 0 ? 0 : 1;
        }
    case ["replay", .. var files] when files.Length > 0:
        {
            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var (outcome, corrupted) = ImageRun.Run(Findings.Load(file));
                    Console.WriteLine($"{file}: ok, mount {outcome}, {corrupted} Corrupted answers");
                }
                catch (Exception exception)
                {
                    failed++;
                    Console.WriteLine($"{file}: FAILED{Environment.NewLine}{exception}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
    case ["save-inflight", var seedsDirectory, var findingsDirectory, var inflightPath, var seed]:
        {
            var generator = new ImageGenerator(SeedImage.LoadAll(seedsDirectory), int.Parse(seed));
            var findings = new Findings(findingsDirectory);
            foreach (var index in InflightFile.Read(inflightPath))
            {
                var path = findings.Save("died", $"died {index}", generator.Generate(index),
                    "the fuzzer's process died while this image ran (stack overflow, out of memory or a kill)");
                Console.WriteLine($"fuzz: image {index} was running when the process died; saved to {path}");
            }
            return 0;
        }
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
