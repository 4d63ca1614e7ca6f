using System.Collections.Immutable;

namespace Pipeline.Shared;

/// <summary>One row of a batch: window <see cref="Window"/> of the clip at index <see cref="Clip"/> of its job.</summary>
public readonly record struct WindowRow(int Clip, long Window)
{
    /// <summary>The row's window as one number, unique in a job (a resumed cluster epoch's record of the windows it trained on).</summary>
    public long Key => ((long)Clip << 32) | (uint)Window;
}

/// <summary>
/// How a clip's audio ended (read to its end, or failed), as a batch carries it: every window of the clip is in that
/// batch or an earlier one, so whoever regroups rows per clip knows the clip is complete.
/// </summary>
public interface IClipEnding
{
    int ClipIndex { get; }
}

/// <summary>
/// The one model input of every job: windows as float32 [Count, 1, WindowSamples] and labels as float32
/// [Count, TagCount] (TagCount 0 where no labels are known, as in tagging), both row-major; which clip and window each
/// row is; and the endings of the clips whose last window is in this batch or an earlier one (a batch may hold only
/// endings). Training reads samples and labels, evaluation and tagging regroup the rows' scores per clip.
/// </summary>
public sealed record Batch(int Count, int WindowSamples, int TagCount, float[] Samples, float[] Labels, ImmutableArray<WindowRow> Rows)
{
    public IReadOnlyList<IClipEnding> Endings { get; init; } = [];

    /// <summary>The clip of every row, in row order.</summary>
    public IEnumerable<int> Clips => Rows.Select(row => row.Clip);

    /// <summary>Rows of windows without labels (tagging, and tests of the model alone).</summary>
    public static Batch Unlabelled(int count, int windowSamples, float[] samples) =>
        new(count, windowSamples, 0, samples, [], [.. Enumerable.Range(0, count).Select(row => new WindowRow(row, 0))]);
}
