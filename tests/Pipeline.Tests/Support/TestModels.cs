using Pipeline.Model.Models;

namespace Pipeline.Tests.Support;

/// <summary>Every architecture at a small size and at its paper's size, for the tests that go through all of them.</summary>
public static class TestModels
{
    /// <summary>The mel models' small front end: 64 bands that 6 blocks halve to 1, and frames enough for them in 2,187 samples.</summary>
    public static readonly MelSettings SmallMel = new(16_000, 256, 16, 0, 8_000, 64);

    public static IEnumerable<object[]> Architectures => Enum.GetValues<Architecture>().Select(a => new object[] { a });

    /// <summary>Six blocks of 16-64 channels; every architecture takes 2,187 samples (<see cref="ModelSettings.InputSamples"/>).</summary>
    public static ModelSettings Small(Architecture architecture, int headChannels = 64) => TestSettings.Defaults.Model with
    {
        Architecture = architecture, Depth = 6, BlockChannels = [16, 16, 32, 32, 32, 64], StemChannels = 16, HeadChannels = headChannels,
        Mel = SmallMel,
    };

    /// <summary>
    /// The paper's size and window: the defaults' 3^9 widths at 59,049 samples, and for the mel models Won et al.'s
    /// seven blocks and front end on their 59,049-sample chunk.
    /// </summary>
    public static (ModelSettings Settings, int Samples) Full(Architecture architecture)
    {
        var settings = TestSettings.Defaults.Model with { Architecture = architecture };
        if (!settings.IsMel)
            return (settings, settings.InputSamples);
        return (settings with
        {
            Depth = 7, BlockChannels = [128, 128, 256, 256, 256, 256, 512], HeadChannels = 512,
            Mel = new MelSettings(16_000, 512, 256, 0, 8_000, 128),
        }, 59_049);
    }
}
