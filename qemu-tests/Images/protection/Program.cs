// Memory protection, one scenario per run (the first argument): what must fault, and what must not.
using System.Runtime.CompilerServices;

unsafe
{
    switch (args.FirstOrDefault())
    {
        case "read-code":
            byte first = *(byte*)(delegate*<int, int>)&Twice;
            Console.WriteLine($"code is readable: {Twice(first) == 2 * first}");
            break;
        case "write-code":
            Console.WriteLine("writing to code");
            *(byte*)(delegate*<int, int>)&Twice = 0xC3;
            Console.WriteLine("wrote to code: not protected");
            break;
        case "execute-data":
            byte[] code = GC.AllocateArray<byte>(16, pinned: true);
            code.AsSpan().Fill(0xC3); // ret
            Console.WriteLine("executing data");
            fixed (byte* entry = code)
                ((delegate* unmanaged<void>)entry)();
            Console.WriteLine("executed data: not protected");
            break;
        case "recurse":
            Console.WriteLine("recursing");
            Console.WriteLine(Recurse(0));
            break;
        case "allocate":
            // 40 MiB in 256 KiB arrays, all kept alive and touched.
            var arrays = new List<byte[]>();
            for (int i = 0; i < 160; i++)
            {
                var array = new byte[256 * 1024];
                array[0] = (byte)i;
                array[^1] = (byte)(i * 3);
                arrays.Add(array);
            }
            long sum = arrays.Sum(a => (long)a[0] + a[^1]);
            Console.WriteLine($"allocated {arrays.Count} arrays of {arrays[0].Length} bytes, checksum {sum}");
            break;
        default:
            Console.Error.WriteLine($"unknown scenario '{args.FirstOrDefault()}'");
            return 64;
    }
}
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static int Twice(int value) => value * 2;

// Not a tail call: the addition happens after the call returns, so every level keeps its frame.
[MethodImpl(MethodImplOptions.NoInlining)]
static int Recurse(int depth) => Recurse(depth + 1) + depth;
