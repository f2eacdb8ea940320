namespace Sharprun.Cryptography.Random;

/// <summary>Fills a buffer with seed material for a DRBG: the platform's hardware generator in a guest, a test's bytes on the host.</summary>
public delegate void EntropySource(Span<byte> destination);
