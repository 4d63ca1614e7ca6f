using System.Diagnostics;
using Pipeline.Shared.IO;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Clips;
using Serilog;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// The extract command's work, step by step: read the metadata, plan (shuffle, limit, top tags, drop untagged,
/// split), write the archive and the reader's reports, then either decode the audio into the cache or at least check every file is there,
/// and finally failed.tsv and summary.json.
/// </summary>
public sealed class Extractor(SelectionSettings selection, long shardBytes)
{
    public async Task<ExtractionSummary> RunAsync(IDatasetReader reader, string source, string output,
        AudioExtraction? audio, Action<ExtractionProgress> progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var dataset = reader.Read(source);
        Log.Information("read {Clips} clips and {Tags} tags of {Dataset} from {Source}", dataset.Clips.Count, dataset.Vocabulary.Count, dataset.Name, source);

        var plan = ExtractionPlanner.Plan(dataset, selection);
        Log.Information("kept {Tags} tags; {Clips} clips after the limit, {Dropped} without a kept tag dropped; train {Train}, valid {Valid}, test {Test}",
            plan.Tags.Count, plan.ClipsAfterLimit, plan.DroppedWithoutTags,
            plan.SplitCounts[Split.Train], plan.SplitCounts[Split.Valid], plan.SplitCounts[Split.Test]);
        ArchiveWriter.Write(output, plan, selection);
        foreach (var report in dataset.Reports ?? [])
        {
            AtomicFile.WriteAllText(Path.Combine(output, report.FileName), report.Text);
            Log.Information("{Summary}", report.Summary);
        }

        var clips = plan.Clips.Select((c, i) => new ClipRef(i, c.Clip.Id, Path.Combine(dataset.AudioRoot, c.Clip.AudioPath), [],
            StatedLengthOf(c.Clip, dataset))).ToList();
        AudioExtraction.Result result;
        if (audio is not null)
        {
            result = await audio.RunAsync(clips, Path.Combine(output, ArchiveFiles.AudioFolder), shardBytes, progress, cancellation);
        }
        else
        {
            var failures = clips.Select(CheckFile).OfType<FailedClip>().ToList();
            progress(new ExtractionProgress(clips.Count, clips.Count, failures.Count, 0));
            result = new AudioExtraction.Result(clips.Count - failures.Count, 0, failures, 0, 0);
        }

        FailedClip.WriteAll(Path.Combine(output, ArchiveFiles.Failed), result.Failures);
        watch.Stop();
        var processed = result.Decoded + result.Failures.Count;
        var summary = new ExtractionSummary(
            Dataset: dataset.Name,
            Source: Path.GetFullPath(source),
            ClipsInMetadata: dataset.Clips.Count,
            ClipsAfterLimit: plan.ClipsAfterLimit,
            DroppedWithoutTags: plan.DroppedWithoutTags,
            ClipsTotal: clips.Count,
            ClipsOk: result.Decoded + result.AlreadyCached,
            ClipsFailed: result.Failures.Count,
            ClipsAlreadyCached: result.AlreadyCached,
            Splits: plan.SplitCounts.ToDictionary(s => SplitNames.Of(s.Key), s => s.Value),
            Tags: plan.Tags,
            Audio: audio is not null,
            SampleRate: audio?.SampleRate,
            ShardsWritten: result.ShardsWritten,
            Seconds: Math.Round(watch.Elapsed.TotalSeconds, 3),
            ClipsPerSecond: Math.Round(processed / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), 1),
            BytesWritten: result.BytesWritten + ArchiveBytes(output))
        {
            MetadataReports = dataset.Reports?.Select(r => r.Summary).ToList() ?? [],
        };
        summary.Write(Path.Combine(output, ArchiveFiles.Summary));
        foreach (var failure in result.Failures)
            Log.Debug("failed: {Path}: {Reason}", failure.Path, failure.Reason);
        return summary;
    }

    private static StatedLength? StatedLengthOf(ClipMetadata clip, DatasetMetadata dataset) =>
        clip.StatedSeconds is { } seconds && dataset.StatedLengthSource is { } source ? new StatedLength(seconds, source) : null;

    /// <summary>Without decoding, at least a missing or empty file can be reported.</summary>
    private static FailedClip? CheckFile(ClipRef clip)
    {
        var file = new FileInfo(clip.AudioPath);
        return !file.Exists ? new FailedClip(clip.Id, clip.AudioPath, new AudioReadException(clip.AudioPath, AudioReadFailure.Missing, "no such file").Reason)
            : file.Length == 0 ? new FailedClip(clip.Id, clip.AudioPath, new AudioReadException(clip.AudioPath, AudioReadFailure.Empty, "the file has 0 bytes").Reason)
            : null;
    }

    private static long ArchiveBytes(string output) =>
        Directory.EnumerateFiles(output).Where(f => Path.GetFileName(f) != ArchiveFiles.Summary).Sum(f => new FileInfo(f).Length);
}
