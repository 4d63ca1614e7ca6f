using System.Globalization;

namespace Pipeline.Tests.Support;

/// <summary>
/// The configuration the command-line tests share: MTAT-format fixtures at 8 kHz split at random, 729-sample windows
/// and a 3^5 SampleCNN of 8-16 channels, so that extract, train and evaluate take seconds.
/// </summary>
public static class TinyConfig
{
    /// <summary>Writes it to <paramref name="path"/> with <paramref name="training"/> inside pipeline.training; returns the path.</summary>
    public static string Config(string path, string training, double heldOutFraction = 0.25)
    {
        var fraction = heldOutFraction.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(path, $$"""
            pipeline {
              audio.sample-rate = 8000
              dataset { mtat.split = random, valid-fraction = {{fraction}}, test-fraction = {{fraction}} }
              provider { window-samples = 729, training-windows = all, shuffle-buffer = 64 }
              model { depth = 5, stem-channels = 8, block-channels = [8, 8, 16, 16, 16], head-channels = 16 }
              training { {{training}} }
            }
            """);
        return path;
    }
}
