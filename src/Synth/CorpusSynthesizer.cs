using System.Collections.Immutable;
using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Streams.Audio;
using Serilog;

namespace Pipeline.Synth;

/// <summary>
/// Makes the demo corpus in a folder: plans it, writes the three 0-byte clips, renders every clip whose MP3 is not
/// there yet (several at once, each in its own fluidsynth, sox and lame), and writes annotations_final.csv last, so
/// its presence means the corpus is complete. Re-running with the same arguments only finishes what is missing.
/// </summary>
public sealed class CorpusSynthesizer(SynthSettings settings, AudioFileReader reader)
{
    /// <param name="progress">Told (clips rendered, clips to render) after every clip.</param>
    public async Task<SynthSummary> RunAsync(string outputDirectory, int clips, int seed, ImmutableArray<Style> styles, Action<int, int> progress,
        CancellationToken cancellation)
    {
        SynthToolchain.Check(settings);
        var watch = Stopwatch.StartNew();
        var plan = CorpusPlanner.Plan(clips, seed, styles);
        foreach (var folder in CorpusPlan.Folders)
        {
            // A run that was killed (not cancelled) leaves its half-written MP3s under their temporary names.
            foreach (var stale in Directory.CreateDirectory(Path.Combine(outputDirectory, folder)).EnumerateFiles("*" + ClipRenderer.PartialSuffix))
                stale.Delete();
        }

        foreach (var clip in plan.Clips.Where(c => c.Empty && !File.Exists(PathOf(outputDirectory, c))))
            await File.WriteAllBytesAsync(PathOf(outputDirectory, clip), [], cancellation);

        var audible = plan.Clips.Where(c => !c.Empty).ToList();
        var pending = audible.Where(c => !IsDone(PathOf(outputDirectory, c))).ToList();
        var skipped = audible.Count - pending.Count;
        var parallelism = settings.EffectiveParallelism;
        Log.Information("synth: {Clips} clips planned from seed {Seed}; {Pending} to render, {Skipped} already there; {Parallelism} at once",
            plan.Clips.Length, seed, pending.Count, skipped, parallelism);

        var timings = new ConcurrentBag<RenderTiming>();
        var work = Directory.CreateTempSubdirectory("pipeline-synth-");
        try
        {
            var renderer = new ClipRenderer(settings, reader, work.FullName);
            var done = 0;
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation },
                async (clip, token) =>
                {
                    timings.Add(await renderer.RenderAsync(clip, PathOf(outputDirectory, clip), token));
                    progress(Interlocked.Increment(ref done), pending.Count);
                });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new SynthException($"synth was interrupted after {timings.Count} of {pending.Count} clips; " +
                "the finished clips are kept, and the same command finishes the rest");
        }
        finally
        {
            work.Delete(recursive: true);
        }

        AnnotationsWriter.Write(outputDirectory, plan);
        return new SynthSummary(
            outputDirectory, plan.Clips.Length, pending.Count, skipped, plan.Clips.Length - audible.Count, plan.TagCounts, watch.Elapsed,
            Mean(timings.Select(t => t.Synthesis)), Mean(timings.Select(t => t.Encoding)), parallelism);
    }

    private static string PathOf(string outputDirectory, PlannedClip clip) =>
        Path.Combine(outputDirectory, clip.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A clip is done when its MP3 exists with content: MP3s only appear by a rename after lame finished.</summary>
    private static bool IsDone(string file) => File.Exists(file) && new FileInfo(file).Length > 0;

    private static TimeSpan Mean(IEnumerable<TimeSpan> times)
    {
        var list = times.ToList();
        return list.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)list.Average(t => t.Ticks));
    }
}
