using Pipeline.Shared.Random;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Windows;

/// <summary>
/// How a job places windows on its clips. Evaluation and tagging take every window of a grid from the start
/// (<see cref="Every"/>), which they can cut from a clip as it is read. Training draws each clip's grid per epoch
/// (<see cref="Training"/>: a random window, or every window with a jittered start and random polarity), which needs
/// the clip's length first. The draws are made here, once per clip and in window order, so the windows are the same
/// whichever order they are then read in (clip by clip through the shuffle buffer, or permuted from the cache).
/// </summary>
public abstract class WindowPlan
{
    public abstract int Length { get; }

    /// <summary>The grid of a clip read as a stream, its length unknown; null when this plan needs the whole clip.</summary>
    public abstract WindowGrid? ForStream(ClipRef clip);

    /// <summary>The grid of a whole clip of <paramref name="samples"/> samples.</summary>
    public abstract WindowGrid ForWhole(ClipRef clip, long samples);

    public static WindowPlan Every(WindowShape shape) => new EveryWindow(shape);

    public static WindowPlan Training(TrainingWindows windows, int length, int seed, int epoch, Augmentation augmentation) =>
        new TrainingPlan(windows, length, seed, epoch, augmentation);

    private sealed class EveryWindow(WindowShape shape) : WindowPlan
    {
        private readonly WindowGrid _grid = new(shape.WindowSamples, shape.HopSamples);

        public override int Length => shape.WindowSamples;

        public override WindowGrid ForStream(ClipRef clip) => _grid;

        public override WindowGrid ForWhole(ClipRef clip, long samples) => _grid;
    }

    private sealed class TrainingPlan(TrainingWindows windows, int length, int seed, int epoch, Augmentation augmentation) : WindowPlan
    {
        public override int Length => length;

        public override WindowGrid? ForStream(ClipRef clip) => null;

        public override WindowGrid ForWhole(ClipRef clip, long samples) =>
            windows == TrainingWindows.All ? EveryWindowJittered(clip, samples) : RandomWindow(clip, samples);

        private WindowGrid EveryWindowJittered(ClipRef clip, long samples)
        {
            var random = Seeds.Random(SeedStream.Augment, seed, epoch, clip.Index);
            var offset = augmentation.JitterWindows && samples > length ? random.Next((int)Math.Min(length, samples - length)) : 0;
            var count = new WindowGrid(length, length, offset).CountFor(samples);
            var inverted = new bool[count];
            for (var window = 0; window < count; window++)
                inverted[window] = augmentation.Polarity && random.Next(2) == 1;
            return new WindowGrid(length, length, offset, inverted: inverted);
        }

        private WindowGrid RandomWindow(ClipRef clip, long samples)
        {
            var slack = samples - length;
            var offset = slack > 0 ? Seeds.Random(SeedStream.WindowOffset, seed, epoch, clip.Index).Next((int)slack + 1) : 0;
            var inverted = augmentation.Polarity && Seeds.Random(SeedStream.Augment, seed, epoch, clip.Index).Next(2) == 1;
            return new WindowGrid(length, length, offset, maxWindows: 1, inverted: [inverted]);
        }
    }
}
