namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Runs one image: how it is mounted and which existing names get changed follow from a checksum of the image's own
/// bytes, so a saved image replays exactly what the fuzzer did with it and needs no side file.
/// </summary>
public static class ImageRun
{
    public static (MountOutcome Outcome, int CorruptedAnswers) Run(byte[] image)
    {
        var choice = Crc32c.Append(~0u, image);
        var exercise = new ImageExercise(new Random((int)choice));
        // One in eight is mounted read-only as asked: that path must refuse every change by itself.
        var outcome = exercise.Run(image, readOnly: choice % 8 == 0);
        return (outcome, exercise.CorruptedAnswers);
    }
}
