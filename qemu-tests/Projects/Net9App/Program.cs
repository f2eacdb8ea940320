System.Console.WriteLine("never built by sharprun");
