// Garbage collector torture tests. Every mode prints only what a correct runtime must print, so the
// output can be compared with the same program built with NativeAOT and run on the host.
//   torture      - trees, lists, arrays of structs, strings, dictionaries, weak references,
//                  finalizers, pinning, dependent handles, GC APIs
//   trees DEPTH  - binary-trees with strings and 256 KiB arrays: allocates far more than the guest has
//   oom          - fills the heap until OutOfMemoryException, recovers, carries on (guest only:
//                  the host has far more memory)
//   live MIB     - keeps MIB of small objects alive and churns around them (pause measurement)
// Modes for `sharprun bench` print "bench: <figure> <number>" lines, read by the toolchain's benchmark:
//   timed-trees DEPTH  - the binary-trees part of "trees", timed with Stopwatch
//   pauses LIVE CHURN  - keeps LIVE MiB of small objects alive, then allocates CHURN MiB of garbage
//                        and reports the pause of every collection meanwhile (GC.GetGCMemoryInfo)
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

return args.Length == 0 ? Usage() : args[0] switch
{
    "torture" => Torture.Run(),
    "trees" => BinaryTrees.Run(int.Parse(args[1])),
    "oom" => OutOfMemory.Run(),
    "live" => LiveHeap.Run(int.Parse(args[1])),
    "timed-trees" => TimedTrees.Run(int.Parse(args[1])),
    "pauses" => PauseProbe.Run(int.Parse(args[1]), int.Parse(args[2])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gc torture | trees DEPTH | oom | live MIB | timed-trees DEPTH | pauses LIVE CHURN");
    return 2;
}

sealed class TreeNode(TreeNode? left, TreeNode? right)
{
    public TreeNode? Left = left;
    public TreeNode? Right = right;

    public static TreeNode Build(int depth) => depth == 0 ? new TreeNode(null, null) : new TreeNode(Build(depth - 1), Build(depth - 1));

    public int Check() => Left is null ? 1 : 1 + Left.Check() + Right!.Check();
}

sealed class ListNode(int value, ListNode? next)
{
    public readonly int Value = value;
    public readonly ListNode? Next = next;
}

struct Entry
{
    public string Name;
    public int Number;
    public object? Payload;
}

sealed class Finalizable(int id)
{
    public static int[] Runs = new int[4000];
    public static readonly List<Finalizable> Zombies = [];
    public static volatile int LastThreadId;
    public readonly int Id = id;
    public bool Resurrect;

    ~Finalizable()
    {
        LastThreadId = Environment.CurrentManagedThreadId;
        Interlocked.Increment(ref Runs[Id]);
        if (Resurrect)
        {
            Resurrect = false;
            lock (Zombies)
                Zombies.Add(this);
        }
    }
}

static class AddressHeldAsInteger
{
    /// <summary>Initialized to non-zero, so it lives in the image's initialized data, which the collector scans.</summary>
    public static nint Value = 1;
}

sealed class Payload(string name)
{
    public readonly string Name = name;
    public readonly byte[] Data = new byte[1000];
}

static class Torture
{
    public static int Run()
    {
        Trees();
        LinkedList();
        StructArrays();
        Strings();
        Dictionaries();
        WeakReferences();
        Finalizers();
        Pinning();
        IntegersThatLookLikeAddresses();
        DependentHandles();
        Apis();
        Console.WriteLine("torture done");
        return 0;
    }

    static void Trees()
    {
        var deep = TreeNode.Build(16);
        var wide = new List<TreeNode>();
        for (int i = 0; i < 2000; i++)
        {
            wide.Add(TreeNode.Build(4));
            TreeNode.Build(6); // garbage between the survivors
        }
        GC.Collect();
        int sum = 0;
        foreach (var t in wide)
            sum += t.Check();
        Console.WriteLine($"trees: deep {deep.Check()} wide {sum}");
    }

    static void LinkedList()
    {
        ListNode? head = null;
        for (int i = 0; i < 300_000; i++)
        {
            head = new ListNode(i, head);
            if (i % 3 == 0)
                _ = new ListNode(-1, null);
        }
        GC.Collect();
        long sum = 0;
        int count = 0;
        for (var n = head; n is not null; n = n.Next)
        {
            sum += n.Value;
            count++;
        }
        Console.WriteLine($"list: {count} nodes, sum {sum}");
    }

    static void StructArrays()
    {
        var entries = new Entry[20_000];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = new Entry { Name = "entry " + i, Number = i, Payload = i % 2 == 0 ? new int[i % 7 + 1] : $"payload {i}" };
            _ = new string('x', i % 50);
        }
        GC.Collect();
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 5_000; i++)
                _ = new object[10];
        }
        long check = 0;
        foreach (var e in entries)
        {
            check += e.Number + e.Name.Length;
            check += e.Payload switch { int[] a => a.Length, string s => s.Length, _ => -1_000_000 };
        }
        var tuples = new (string, int)[5000];
        for (int i = 0; i < tuples.Length; i++)
            tuples[i] = (i.ToString("x"), i);
        GC.Collect();
        foreach (var (s, n) in tuples)
            check += Convert.ToInt32(s, 16) - n;
        Console.WriteLine($"struct arrays: {check}");
    }

    static void Strings()
    {
        var builder = new StringBuilder();
        var kept = new List<string>();
        for (int i = 0; i < 20_000; i++)
        {
            builder.Append(i).Append(',');
            if (builder.Length > 1000)
            {
                kept.Add(builder.ToString());
                builder.Clear();
            }
            _ = string.Concat("garbage ", i.ToString(), " ", new string('y', i % 100));
        }
        GC.Collect();
        long total = 0;
        foreach (var s in kept)
            total += s.Split(',').Length;
        Console.WriteLine($"strings: {kept.Count} kept, {total} pieces, hash {Fnv(string.Join("|", kept))}");
    }

    static uint Fnv(string s)
    {
        uint h = 2166136261;
        foreach (char c in s)
            h = (h ^ c) * 16777619;
        return h;
    }

    static void Dictionaries()
    {
        var map = new Dictionary<string, List<int>>();
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < 30_000; i++)
                map[$"key{i}"] = [i, round];
            for (int i = 0; i < 30_000; i += 2)
                map.Remove($"key{i}");
            map.TrimExcess();
            GC.Collect();
        }
        long sum = 0;
        foreach (var (key, value) in map)
            sum += key.Length + value[0] + value[1];
        Console.WriteLine($"dictionaries: {map.Count} entries, {sum}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference<Payload>> MakeWeak(int count, List<Payload> keep)
    {
        var list = new List<WeakReference<Payload>>();
        for (int i = 0; i < count; i++)
        {
            var p = new Payload("p" + i);
            if (i % 4 == 0)
                keep.Add(p);
            list.Add(new WeakReference<Payload>(p));
        }
        return list;
    }

    static void WeakReferences()
    {
        var keep = new List<Payload>();
        var weak = MakeWeak(400, keep);
        Churn();
        GC.Collect();
        int alive = weak.Count(w => w.TryGetTarget(out _));
        Console.WriteLine($"weak references: {alive} alive of {weak.Count}, {keep.Count} kept");
        GC.KeepAlive(keep);
    }

    /// <summary>Allocation in a frame of its own, so the stack no longer holds what earlier calls left there.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Churn()
    {
        for (int i = 0; i < 1000; i++)
            _ = new object();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeFinalizable(int first, int count, bool suppressHalf)
    {
        for (int i = first; i < first + count; i++)
        {
            var f = new Finalizable(i);
            if (suppressHalf && i % 2 == 0)
                GC.SuppressFinalize(f);
        }
    }

    /// <summary>
    /// Collects from deeper in the stack than the allocations happened, after other calls reused the
    /// stack: a conservative collector must not see the dead objects' addresses left in old frames.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollectAndFinalize(int depth)
    {
        if (depth > 0)
        {
            CollectAndFinalize(depth - 1);
            return;
        }
        Churn();
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>How many of ids [first, first + count) ran their finalizer once, and whether any ran twice.</summary>
    static (int Once, bool Twice) Census(int first, int count)
    {
        int once = 0;
        bool twice = false;
        for (int i = first; i < first + count; i++)
        {
            once += Finalizable.Runs[i] == 1 ? 1 : 0;
            twice |= Finalizable.Runs[i] > 1;
        }
        return (once, twice);
    }

    /// <summary>
    /// Finalizers run exactly once. A conservative stack scan may keep a handful of dead objects for a
    /// while, so "all ran" means all but at most 5 of 1000; none may ever run twice.
    /// </summary>
    static void Finalizers()
    {
        MakeFinalizable(0, 1000, suppressHalf: false);
        CollectAndFinalize(20);
        CollectAndFinalize(30);
        var (once, twice) = Census(0, 1000);
        Console.WriteLine($"finalizers: all ran {once >= 995}, none twice {!twice}");

        MakeFinalizable(1000, 1000, suppressHalf: true);
        CollectAndFinalize(20);
        CollectAndFinalize(30);
        int suppressedRan = 0;
        for (int i = 1000; i < 2000; i += 2)
            suppressedRan += Finalizable.Runs[i];
        (once, twice) = Census(1000, 1000);
        Console.WriteLine($"finalizers: suppressed ones ran {suppressedRan}, others ran {once >= 495}, none twice {!twice}");

        MakeZombies(2000, 100);
        CollectAndFinalize(20);
        int resurrected = ReRegisterZombies();
        CollectAndFinalize(20);
        CollectAndFinalize(30);
        int again = 0;
        for (int i = 2000; i < 2100; i++)
            again += Finalizable.Runs[i] == 2 ? 1 : 0;
        Console.WriteLine($"finalizers: zombies resurrected {resurrected >= 95}, finalized again after re-registering {again >= 90}");
        Console.WriteLine($"finalizers: ran on a thread other than Main's {Finalizable.LastThreadId != Environment.CurrentManagedThreadId}");

        // The finalizer thread runs them on its own after a collection, with nobody waiting.
        MakeFinalizable(2200, 100, suppressHalf: false);
        GC.Collect();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Census(2200, 100).Once < 95 && watch.ElapsedMilliseconds < 10_000)
            Thread.Sleep(10);
        Console.WriteLine($"finalizers: ran without WaitForPendingFinalizers {Census(2200, 100).Once >= 95}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeZombies(int first, int count)
    {
        for (int i = first; i < first + count; i++)
            _ = new Finalizable(i) { Resurrect = true };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ReRegisterZombies()
    {
        int count = Finalizable.Zombies.Count;
        foreach (var zombie in Finalizable.Zombies)
            GC.ReRegisterForFinalize(zombie);
        Finalizable.Zombies.Clear();
        return count;
    }

    /// <summary>
    /// A static integer that happens to equal an address inside a large array (a counter, a size) must not keep
    /// the array alive: only a reference does, and references never point inside an object from outside a stack.
    /// </summary>
    static void IntegersThatLookLikeAddresses()
    {
        // Made on a thread that then ends, so that no stack is left holding the array.
        WeakReference<byte[]>? weak = null;
        var maker = new Thread(() => weak = MakeArrayWhoseAddressAnIntegerHolds());
        maker.Start();
        maker.Join();
        GC.Collect();
        Console.WriteLine($"a large array whose inner address a static integer holds: {(weak!.TryGetTarget(out _) ? "alive" : "collected")}");
        GC.KeepAlive(AddressHeldAsInteger.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference<byte[]> MakeArrayWhoseAddressAnIntegerHolds()
    {
        var array = new byte[4 << 20];
        var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        AddressHeldAsInteger.Value = pin.AddrOfPinnedObject() + (1 << 20);
        pin.Free();
        return new WeakReference<byte[]>(array);
    }

    static unsafe void Pinning()
    {
        var buffer = new byte[4096];
        buffer[100] = 42;
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        nint before = handle.AddrOfPinnedObject();
        for (int i = 0; i < 20_000; i++)
            _ = new byte[64];
        GC.Collect();
        nint after = handle.AddrOfPinnedObject();
        bool same;
        fixed (byte* p = buffer)
            same = (nint)p == before && p[100] == 42;
        handle.Free();
        Console.WriteLine($"pinning: address unchanged {before == after && same}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (object Key, WeakReference Value) AddDependent(ConditionalWeakTable<object, Payload> table)
    {
        var key = new object();
        var value = new Payload("dependent");
        table.Add(key, value);
        return (key, new WeakReference(value));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference> AddDependentsDroppingKeys(ConditionalWeakTable<object, Payload> table, int count)
    {
        var values = new List<WeakReference>();
        for (int i = 0; i < count; i++)
            values.Add(AddDependent(table).Value);
        return values;
    }

    static void DependentHandles()
    {
        var table = new ConditionalWeakTable<object, Payload>();
        var (key, value) = AddDependent(table);
        var dropped = AddDependentsDroppingKeys(table, 100);
        CollectAndFinalize(20);
        int collected = dropped.Count(w => !w.IsAlive);
        Console.WriteLine($"dependent handles: kept value alive {value.IsAlive}, values of dropped keys collected {collected >= 95}");
        Console.WriteLine($"dependent handles: lookup {(table.TryGetValue(key, out var found) ? found.Name : "missing")}");
        GC.KeepAlive(key);
    }

    static void Apis()
    {
        int before = GC.CollectionCount(0);
        GC.Collect();
        Console.WriteLine($"apis: collection counted {GC.CollectionCount(0) > before}");
        long total = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"apis: total memory positive {total > 0}");
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine($"apis: memory info has heap {info.HeapSizeBytes > 0}, index {info.Index > 0}");
        Console.WriteLine($"apis: allocated bytes grow {GC.GetTotalAllocatedBytes() > 1_000_000}");
        if (GC.TryStartNoGCRegion(1_000_000))
        {
            for (int i = 0; i < 1000; i++)
                _ = new byte[100];
            GC.EndNoGCRegion();
            Console.WriteLine("apis: no-GC region held");
        }
    }
}

static class BinaryTrees
{
    public static int Run(int maxDepth)
    {
        Trees(maxDepth, Console.WriteLine);

        long arrayCheck = 0;
        var recent = new byte[8][];
        for (int i = 0; i < 3000; i++)
        {
            var array = new byte[256 * 1024];
            array[i % array.Length] = (byte)i;
            recent[i % recent.Length] = array;
            arrayCheck += array[i % array.Length];
        }
        Console.WriteLine($"256 KiB arrays: {arrayCheck}");

        var text = new StringBuilder();
        long stringCheck = 0;
        for (int i = 0; i < 200_000; i++)
        {
            string s = $"line {i}: {new string((char)('a' + i % 26), i % 40)}";
            stringCheck += s.Length;
            if (i % 1000 == 0)
                text.Append(s[..Math.Min(s.Length, 10)]);
        }
        Console.WriteLine($"strings: {stringCheck} {text.Length}");
        return 0;
    }

    /// <summary>The binary-trees part: reports its lines to <paramref name="report"/> and returns the sum of all checks.</summary>
    public static long Trees(int maxDepth, Action<string> report)
    {
        const int minDepth = 4;
        int stretchDepth = maxDepth + 1;
        int stretchCheck = TreeNode.Build(stretchDepth).Check();
        long total = stretchCheck;
        report($"stretch tree of depth {stretchDepth}\t check: {stretchCheck}");
        var longLived = TreeNode.Build(maxDepth);
        for (int depth = minDepth; depth <= maxDepth; depth += 2)
        {
            int iterations = 1 << (maxDepth - depth + minDepth);
            int check = 0;
            for (int i = 0; i < iterations; i++)
                check += TreeNode.Build(depth).Check();
            total += check;
            report($"{iterations}\t trees of depth {depth}\t check: {check}");
        }
        int longLivedCheck = longLived.Check();
        report($"long lived tree of depth {maxDepth}\t check: {longLivedCheck}");
        return total + longLivedCheck;
    }
}

/// <summary>
/// Binary trees timed inside the program, so a benchmark measures the allocation work and not boot or
/// console output: the lines are printed after the clock stops.
/// </summary>
static class TimedTrees
{
    public static int Run(int maxDepth)
    {
        var lines = new List<string>();
        Console.WriteLine($"bench: trees-depth {maxDepth}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long check = BinaryTrees.Trees(maxDepth, lines.Add);
        double elapsed = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(FormattableString.Invariant($"bench: trees-ms {elapsed:F3}"));
        foreach (var line in lines)
            Console.WriteLine(line);
        Console.WriteLine($"bench: trees-check {check}");
        return 0;
    }
}

/// <summary>
/// GC pauses with a large live heap: builds LIVE MiB of list nodes, collects once so the live set is
/// settled (with a generational collector: promoted), then allocates CHURN MiB of short-lived nodes.
/// The collection count is polled every 64 allocations; each new collection's pauses are read from
/// GC.GetGCMemoryInfo. A poll that finds more than one new collection counts the extra ones as missed.
/// </summary>
static class PauseProbe
{
    const int NodeBytes = 32;
    const int PollInterval = 64;

    public static int Run(int liveMib, int churnMib)
    {
        var live = new ListNode?[1024];
        long liveNodes = (long)liveMib * 1024 * 1024 / NodeBytes;
        for (long i = 0; i < liveNodes; i++)
            live[i % live.Length] = new ListNode((int)i, live[i % live.Length]);
        GC.Collect();

        var pauses = new List<double>(4096);
        var recent = new ListNode?[256];
        int missed = 0;
        int seen = GC.CollectionCount(0);
        Console.WriteLine($"bench: first-collection {seen}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long garbage = (long)churnMib * 1024 * 1024 / NodeBytes;
        for (long i = 0; i < garbage; i++)
        {
            recent[i % recent.Length] = new ListNode((int)i, null);
            if (i % PollInterval != 0)
                continue;
            int now = GC.CollectionCount(0);
            if (now == seen)
                continue;
            missed += now - seen - 1;
            seen = now;
            foreach (var pause in GC.GetGCMemoryInfo(GCKind.Any).PauseDurations)
            {
                if (pause > TimeSpan.Zero)
                    pauses.Add(pause.TotalMilliseconds);
            }
        }
        double elapsed = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"bench: last-collection {GC.CollectionCount(0)}");
        Console.WriteLine(FormattableString.Invariant($"bench: churn-ms {elapsed:F3}"));
        Console.WriteLine($"bench: pauses-missed {missed}");
        foreach (var pause in pauses)
            Console.WriteLine(FormattableString.Invariant($"bench: pause-ms {pause:F3}"));
        long check = 0;
        foreach (var head in live)
        {
            for (var n = head; n is not null; n = n.Next)
                check++;
        }
        Console.WriteLine($"bench: live-nodes {check}");
        GC.KeepAlive(recent);
        return 0;
    }
}

static class OutOfMemory
{
    public static int Run()
    {
        Console.WriteLine($"caught OutOfMemoryException after {FillWithArrays()} MiB");
        Collect(20);
        var again = new List<byte[]>();
        for (int i = 0; i < 8; i++)
            again.Add(new byte[1 << 20]);
        Console.WriteLine($"caught OutOfMemoryException for small objects: {FillWithStrings()}");
        Collect(20);
        Console.WriteLine($"carried on: {again.Count} MiB allocated again, {string.Join(",", Enumerable.Range(0, 5))}");
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int FillWithArrays()
    {
        var hog = new List<byte[]>();
        try
        {
            while (true)
                hog.Add(new byte[1 << 20]);
        }
        catch (OutOfMemoryException)
        {
            return hog.Count;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool FillWithStrings()
    {
        var small = new List<string>();
        try
        {
            while (true)
                small.Add(new string('s', 200));
        }
        catch (OutOfMemoryException)
        {
            return small.Count > 1000;
        }
    }

    /// <summary>Collects from a frame below those that held the filled lists.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Collect(int depth)
    {
        if (depth > 0)
            Collect(depth - 1);
        else
            GC.Collect();
    }
}

static class LiveHeap
{
    public static int Run(int mib)
    {
        int nodes = mib * 1024 * 1024 / 32;
        var live = new ListNode?[1024];
        for (int i = 0; i < nodes; i++)
            live[i % live.Length] = new ListNode(i, live[i % live.Length]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int round = 0; round < 10; round++)
        {
            for (int i = 0; i < 200_000; i++)
                _ = new ListNode(i, null);
        }
        GC.Collect();
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine($"live {mib} MiB: {GC.CollectionCount(0)} collections, {watch.ElapsedMilliseconds} ms, last pause {info.PauseDurations[0].TotalMilliseconds:F1} ms");
        GC.KeepAlive(live);
        return 0;
    }
}
