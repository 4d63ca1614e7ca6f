using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Pipeline.Synth;

/// <summary>What a synth run made: the clips, how many were rendered now or found from an earlier run, the tags, the time.</summary>
public sealed record SynthSummary(
    string OutputDirectory,
    int Clips,
    int Rendered,
    int Skipped,
    int Empty,
    ImmutableArray<(string Tag, int Clips)> TagCounts,
    TimeSpan Elapsed,
    TimeSpan MeanSynthesis,
    TimeSpan MeanEncoding,
    int Parallelism)
{
    public string Render()
    {
        var text = new StringBuilder();
        var f = CultureInfo.InvariantCulture;
        text.AppendLine(f, $"synth: {Clips} clips in {OutputDirectory} ({Rendered} rendered, {Skipped} already there, {Empty} empty as in MTAT)");
        var perClip = Rendered > 0
            ? string.Create(f, $"; per clip: fluidsynth {MeanSynthesis.TotalSeconds:F2} s, sox + lame {MeanEncoding.TotalSeconds:F2} s")
            : "";
        text.AppendLine(f, $"  {Elapsed.TotalSeconds:F1} s with {Parallelism} at once{perClip}");
        text.AppendLine($"  {TagCounts.Length} tags: " + string.Join(", ", TagCounts.OrderByDescending(t => t.Clips).Select(t => string.Create(f, $"{t.Tag} {t.Clips}"))));
        text.AppendLine(f, $"  annotations: {Path.Combine(OutputDirectory, AnnotationsWriter.FileName)}");
        return text.ToString();
    }
}
