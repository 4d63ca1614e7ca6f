using System.Diagnostics;
using Pipeline.Model.Training;

namespace Pipeline.Benchmarks;

/// <summary>
/// Whether libtorch's oneDNN convolution backward still reads unwritten memory (<see cref="OneDnnConvolutionDefect"/>):
/// in a fresh process, identical bf16 passes of an 8-channel convolution with oneDNN on, until one gives another input
/// gradient. The defect needs freed memory holding old values, which a long test process does not reliably leave, so
/// this runs here, first thing in its own process, and says when the workaround (oneDNN off for such models, slower)
/// can go.
/// </summary>
public static class LibTorchDefectCheck
{
    private const int Passes = 3_000;

    public static void Run(Report report)
    {
        var wasOn = OneDnnConvolutionDefect.OneDnnEnabled;
        OneDnnConvolutionDefect.OneDnnEnabled = true;
        var watch = Stopwatch.StartNew();
        var differing = OneDnnConvolutionDefect.DifferingPasses(Passes, stopAtFirst: false);
        OneDnnConvolutionDefect.OneDnnEnabled = wasOn;
        report.Section("libtorch's oneDNN convolution defect", differing > 0
            ? $"**Still there**: {differing} of {Passes:N0} identical bf16 backward passes gave another input gradient ({watch.Elapsed.TotalSeconds:F1} s). " +
              "Training keeps oneDNN off for models with output channels that are not a multiple of 16."
            : $"**Not seen** in {Passes:N0} passes ({watch.Elapsed.TotalSeconds:F1} s): if a second run agrees, the defect is gone from this libtorch " +
              "and `OneDnnConvolutionDefect` (which slows such models) can go.");
    }
}
