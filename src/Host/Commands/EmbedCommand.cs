using System.CommandLine;
using Pipeline.Host.Cli;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Tagging;

namespace Pipeline.Host.Commands;

/// <summary>
/// `embed`: a layer's output (by default the penultimate) for every window of whole audio files, averaged per file
/// and, with --over-time, kept per window, written as numpy arrays with their index (<see cref="EmbeddingFolder"/>).
/// </summary>
public static class EmbedCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Audio files and folders (MP3, WAV, FLAC, OGG, ...; any rate and channels)", Arity = ArgumentArity.OneOrMore };
        var runDir = new Option<DirectoryInfo>("--run") { Description = "A train command's run folder", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (default) or last", DefaultValueFactory = _ => "best" };
        checkpoint.AcceptOnlyFromAmong("best", "last");
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for embeddings.npy, index.tsv and embeddings.json", Required = true };
        var layer = new Option<string?>("--layer") { Description = "The layer whose output is the embedding, by the names `model summary` prints (default: the penultimate)" };
        var overTime = new Option<bool>("--over-time") { Description = "Also write every window's embedding (windows.npy, windows.tsv)" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Walk the folders' subfolders too" };
        var hop = new Option<double?>("--hop") { Description = "Seconds from one window's start to the next (default: the window length, no overlap)" };
        var command = new Command("embed", "Write embeddings of audio files (a layer's output averaged over their windows) as numpy arrays")
        {
            paths, runDir, checkpoint, outDir, layer, overTime, recursive, hop,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("embed", parse, output);
            var checkpointPath = InferenceRun.CheckpointOf(parse.GetValue(runDir)!.FullName, parse.GetValue(checkpoint)!);
            var files = AudioFileWalker.Find(parse.GetValue(paths)!, parse.GetValue(recursive));
            if (files.Count == 0)
                throw new UsageException("usage error: no audio files in " + string.Join(", ", parse.GetValue(paths)!) + " (--recursive walks subfolders)");
            var directory = parse.GetValue(outDir)!.FullName;
            context.StartLog();
            var windows = parse.GetValue(overTime);
            using var inference = InferenceRun.Load(context, checkpointPath, parse.GetValue(hop), tap: true, parse.GetValue(layer));
            using var writer = new EmbeddingWriter(directory, inference.Shape, windows);
            var summary = await inference.RunAsync(files, new RegroupOptions(ScorePooling.Mean, KeepTimeline: false, KeepWindowEmbeddings: windows),
                drawBar: true, outcome =>
                {
                    if (outcome is ClipScored tagged)
                        writer.Add(tagged);
                    else if (outcome is ClipNotScored failed)
                    {
                        writer.Fail(failed);
                        error.WriteLine($"error: {failed.Clip.AudioPath}: {failed.Reason}");
                    }
                }, cancellation);
            error.WriteLine($"embed: {summary.Tagged} embedded, {summary.Failed} failed in {summary.Elapsed.TotalSeconds:F1} s " +
                            $"({summary.FilesPerSecond:F2} files/s, {summary.WindowsPerSecond:F1} windows/s); peak memory {PeakMemory.ResidentMegabytes():F0} MB");
            if (summary.Tagged == 0)
            {
                error.WriteLine($"error: none of the {summary.Failed} files could be read; {directory} is left as it was");
                return ExitCodes.RuntimeFailure;
            }
            writer.Complete(new EmbeddingMeta(checkpointPath, parse.GetValue(layer), inference.Layer!, writer.Dimensions, writer.Files, writer.Windows,
                inference.Shape.SampleRate, inference.Shape.WindowSeconds, inference.Shape.HopSeconds, summary.Failed));
            context.Output.WriteLine($"embeddings   {Path.Combine(directory, EmbeddingFolder.Embeddings)}  float32 [{writer.Files}, {writer.Dimensions}], {inference.Layer}");
            context.Output.WriteLine($"index        {Path.Combine(directory, EmbeddingFolder.Index)}");
            if (windows)
                context.Output.WriteLine($"windows      {Path.Combine(directory, EmbeddingFolder.WindowEmbeddings)}  float32 [{writer.Windows}, {writer.Dimensions}], index {EmbeddingFolder.WindowIndex}");
            if (summary.Failed > 0)
                context.Output.WriteLine($"failed       {Path.Combine(directory, EmbeddingFolder.Failed)}  ({summary.Failed} files)");
            return ExitCodes.Success;
        });
        return command;
    }
}
