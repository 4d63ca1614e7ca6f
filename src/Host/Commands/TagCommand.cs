using System.CommandLine;
using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Audio;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>`tag`: the top tags of any audio files with a trained run; a file that cannot be read does not stop the others.</summary>
public static class TagCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var runDir = new Option<DirectoryInfo>("--run") { Description = "A train command's run folder", Required = true };
        var files = new Argument<FileInfo[]>("files") { Description = "Audio files (MP3, WAV, FLAC, OGG; any rate and channels)", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "How many tags to print per file", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (default) or last", DefaultValueFactory = _ => "best" };
        checkpoint.AcceptOnlyFromAmong("best", "last");
        var command = new Command("tag", "Predict tags for audio files with a trained model") { runDir, files, top, json, checkpoint };
        command.SetAction(parse =>
        {
            var context = CommandContext.Create("tag", parse, output);
            var run = new RunFolder(parse.GetValue(runDir)!.FullName);
            var checkpointPath = parse.GetValue(checkpoint) == "last" ? run.LastCheckpoint : run.BestCheckpoint;
            if (!File.Exists(checkpointPath))
                throw new UsageException($"usage error: {checkpointPath} does not exist (train first, or pick --checkpoint last)");
            var topCount = parse.GetValue(top);
            if (topCount < 1)
                throw new UsageException($"usage error: --top must be at least 1, got {topCount}");
            context.StartLog();
            return Run(context, checkpointPath, parse.GetValue(files)!, topCount, parse.GetValue(json), error);
        });
        return command;
    }

    private static int Run(CommandContext context, string checkpointPath, FileInfo[] files, int top, bool asJson, TextWriter error)
    {
        var device = context.ConfigureTorch();
        var (session, info) = EvaluationSession.FromCheckpoint(checkpointPath, device, context.Settings.Training.Precision);
        using (session)
        {
            var tagger = new FileTagger(session, context.Settings.Audio.CreateReader(), info.SampleRate, context.Settings.Audio.ResampleQuality, context.Settings.Training.EvaluationBatchSize);
            var results = new List<FileTags>();
            var failures = new List<(string File, string Error)>();
            foreach (var file in files)
            {
                try
                {
                    var tags = tagger.Tag(file.FullName);
                    results.Add(tags);
                    if (!asJson)
                        PrintText(context.Output, tags, top);
                }
                catch (AudioReadException e)
                {
                    failures.Add((file.FullName, e.Reason));
                    error.WriteLine($"error: {e.Message}");
                    Log.Warning("cannot tag {File}: {Reason}", file.FullName, e.Reason);
                }
            }
            if (asJson)
                PrintJson(context.Output, results, failures, top);
            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        }
    }

    private static void PrintText(TextWriter output, FileTags tags, int top)
    {
        output.WriteLine($"{tags.File} ({tags.Seconds:F1} s, {tags.Windows} windows)");
        foreach (var (tag, score) in tags.Scores.Take(top))
            output.WriteLine($"  {tag,-24} {score:F3}");
    }

    private static void PrintJson(TextWriter output, List<FileTags> results, List<(string File, string Error)> failures, int top)
    {
        var document = new
        {
            files = results.Select(r => new
            {
                file = r.File,
                seconds = Math.Round(r.Seconds, 3),
                windows = r.Windows,
                tags = r.Scores.Take(top).Select(s => new { tag = s.Tag, score = Math.Round(s.Score, 4) }),
            }),
            errors = failures.Select(f => new { file = f.File, error = f.Error }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}
