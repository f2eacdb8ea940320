using System;

Console.WriteLine("Hello from Sharprun!");
Console.WriteLine($"{args.Length} argument(s): {string.Join(" ", args)}");
return args.Length;
