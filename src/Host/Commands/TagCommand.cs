using System.CommandLine;
using Pipeline.Host.Cli;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Tagging;

namespace Pipeline.Host.Commands;

/// <summary>
/// `tag`: tags every window of whole audio files and folders of them with a trained run; scores per file (the mean or
/// the maximum over windows), optionally over time. A file that cannot be read gets an error and the others go on;
/// with --output, each file's line is written as it completes and a later run skips the files already there.
/// </summary>
public static class TagCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Audio files and folders (MP3, WAV, FLAC, OGG, ...; any rate and channels)", Arity = ArgumentArity.OneOrMore };
        var runDir = new Option<DirectoryInfo>("--run") { Description = "A train command's run folder", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (default) or last", DefaultValueFactory = _ => "best" };
        checkpoint.AcceptOnlyFromAmong("best", "last");
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Walk the folders' subfolders too" };
        var journal = new Option<FileInfo?>("--output") { Description = "Append one JSON object per file to this .jsonl file as each completes; files already in it are skipped" };
        var overTime = new Option<bool>("--over-time") { Description = "Add each file's timeline: every window's score for every tag" };
        var hop = new Option<double?>("--hop") { Description = "Seconds from one window's start to the next (default: the window length, no overlap)" };
        var pool = new Option<string>("--pool") { Description = "A file's score for a tag: mean (default) or max over its windows", DefaultValueFactory = _ => "mean" };
        pool.AcceptOnlyFromAmong("mean", "max");
        var top = new Option<int>("--top") { Description = "How many tags to give per file", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print JSON on stdout: {\"files\": [...], \"errors\": [...]}" };
        var plots = new Option<DirectoryInfo?>("--plot") { Description = "Draw each file's tags over time as a PNG heat map in this folder" };
        var command = new Command("tag", "Predict tags for audio files and folders with a trained model")
        {
            paths, runDir, checkpoint, recursive, journal, overTime, hop, pool, top, json, plots,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("tag", parse, output);
            var checkpointPath = InferenceRun.CheckpointOf(parse.GetValue(runDir)!.FullName, parse.GetValue(checkpoint)!);
            var topCount = parse.GetValue(top);
            if (topCount < 1)
                throw new UsageException($"usage error: --top must be at least 1, got {topCount}");
            var files = AudioFileWalker.Find(parse.GetValue(paths)!, parse.GetValue(recursive));
            if (files.Count == 0)
                throw new UsageException("usage error: no audio files in " + string.Join(", ", parse.GetValue(paths)!) +
                                         $" (folders give their {string.Join(" ", AudioFileWalker.AudioExtensions.Order())} files; --recursive walks subfolders)");
            context.StartLog();
            var plotFolder = parse.GetValue(plots)?.FullName;
            var options = new RegroupOptions(parse.GetValue(pool) == "max" ? ScorePooling.Max : ScorePooling.Mean,
                KeepTimeline: parse.GetValue(overTime) || plotFolder is not null, KeepWindowEmbeddings: false);
            using var inference = InferenceRun.Load(context, checkpointPath, parse.GetValue(hop), tap: false, layer: null);
            using var done = parse.GetValue(journal) is { } journalFile ? TagJournal.Open(journalFile.FullName) : null;
            var todo = done is null ? files : files.Where(f => !done.Done.Contains(f.AudioPath)).ToList();
            var sink = new TagOutput(context.Output, error, done, parse.GetValue(json), topCount, inference.Tags, inference.Shape,
                parse.GetValue(overTime), plotFolder);
            sink.Start();
            var summary = todo.Count > 0
                ? await inference.RunAsync(todo, options, drawBar: !sink.PrintsResults, sink.Write, cancellation)
                : new InferenceSummary(0, 0, 0, TimeSpan.Zero);
            sink.Finish();
            var skipped = files.Count - todo.Count;
            error.WriteLine($"tag: {summary.Tagged} tagged, {skipped} skipped as done{(skipped == 0 ? "" : $" (already in {parse.GetValue(journal)!.FullName})")}, " +
                            $"{summary.Failed} failed in {summary.Elapsed.TotalSeconds:F1} s ({summary.FilesPerSecond:F2} files/s, " +
                            $"{summary.WindowsPerSecond:F1} windows/s); peak memory {PeakMemory.ResidentMegabytes():F0} MB");
            if (summary.Tagged == 0 && summary.Failed > 0)
            {
                error.WriteLine($"error: none of the {summary.Failed} files could be read");
                return ExitCodes.RuntimeFailure;
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
