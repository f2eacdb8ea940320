using System.Runtime.CompilerServices;

// The host tests call the math functions directly to compare them with the host's C library.
[assembly: InternalsVisibleTo("Sharprun.Kernel.Tests")]
