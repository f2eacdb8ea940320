using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Random;

namespace Sharprun.Cryptography.Tests;

public class RandomTests
{
    // NIST CAVP drbgvectors_no_reseed, CTR_DRBG AES-256 no df, PredictionResistance False, COUNT 0:
    // instantiate, generate 64 bytes (discarded), generate 64 bytes.
    [Fact]
    public void Ctr_drbg_known_answer()
    {
        var entropy = Hex.Bytes("df5d73faa468649edda33b5cca79b0b05600419ccb7a879ddfec9db32ee494e5531b51de16a30f769262474c73bec010");
        var drbg = new CtrDrbg(entropy, []);
        var output = new byte[64];
        drbg.Generate(output);
        drbg.Generate(output);
        Assert.Equal("d1c07cd95af8a7f11012c84ce48bb8cb87189e99d40fccb1771c619bdf82ab2280b1dc2f2581f39164f7ac0c510494b3a43c41b7db17514c87b107ae793e01c5", Hex.Of(output));
    }

    [Fact]
    public void Both_aes_paths_give_the_same_stream()
    {
        var entropy = new byte[CtrDrbg.SeedLength];
        new System.Random(1).NextBytes(entropy);
        var portable = new CtrDrbg(entropy, "p"u8, key => new PortableAesBlockCipher(key));
        var ni = new CtrDrbg(entropy, "p"u8, key => new AesNiBlockCipher(key));
        var a = new byte[1000];
        var b = new byte[1000];
        portable.Generate(a);
        ni.Generate(b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Reseeding_random_seeds_on_first_use_and_again_after_its_interval()
    {
        int seeds = 0;
        var random = new ReseedingRandom(destination =>
        {
            seeds++;
            destination.Fill((byte)seeds);
        });
        var first = new byte[100];
        var second = new byte[100];
        random.Fill(first);
        random.Fill(second);
        Assert.Equal(1, seeds);
        Assert.NotEqual(first, second);
        random.Fill(new byte[ReseedingRandom.ReseedAfterBytes]);
        random.Fill(first);
        Assert.Equal(2, seeds);
    }
}
