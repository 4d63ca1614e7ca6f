using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Serilog;
using static TorchSharp.torch;

namespace Pipeline.Host.Commands;

/// <summary>
/// `train --init-from`: a new run that starts from another run's weights. It begins as a resumed run would, from a
/// step-0 `last` checkpoint written here: the source's weights in every layer but the output layer, which this run's
/// seed initialises for its own tags, a fresh optimiser and schedule. From then on it is an ordinary run (`--resume`
/// continues it).
/// </summary>
internal static class FineTuning
{
    /// <summary>The checkpoint <paramref name="from"/> names: a run folder's best.ckpt, or a checkpoint file itself.</summary>
    public static string SourceCheckpoint(FileSystemInfo from)
    {
        var path = from.FullName;
        if (File.Exists(path))
            return path;
        if (!Directory.Exists(path))
            throw new UsageException($"usage error: --init-from {path} does not exist (give a run folder or a .ckpt file)");
        var best = new RunFolder(path).BestCheckpoint;
        return File.Exists(best)
            ? best
            : throw new UsageException($"usage error: --init-from {path} has no checkpoints/best.ckpt (a run writes it at its first evaluation); " +
                                       "give a .ckpt file to start from another checkpoint");
    }

    public static void WriteStart(string checkpoint, PipelineSettings settings, IReadOnlyList<string> tags, RunFolder run, string configHash)
    {
        using var session = new TrainingSession(settings.Model, settings.Training, settings.Provider.WindowSamples, tags, CPU);
        WeightTransferReport report;
        try
        {
            report = WeightTransfer.StartFrom(checkpoint, session.Model, settings.Model);
        }
        catch (Exception e) when (e is WeightTransferException or InvalidDataException)
        {
            throw new UsageException($"usage error: --init-from: {e.Message}");
        }
        var source = report.Source;
        if (source.SampleRate != settings.Audio.SampleRate)
            Log.Warning("--init-from: {Checkpoint} was trained at {Theirs} Hz and this run reads {Ours} Hz: its filters meet other frequencies here",
                checkpoint, source.SampleRate, settings.Audio.SampleRate);
        if (source.Model.Architecture != settings.Model.Architecture)
            Log.Warning("--init-from: {Checkpoint} is a {Theirs} and this run a {Ours}; their tensors fit, their computations differ",
                checkpoint, source.Model.Architecture, settings.Model.Architecture);
        session.SaveLast(run.LastCheckpoint, configHash, settings.Audio.SampleRate);
        Log.Information("--init-from {Checkpoint} (epoch {Epoch}, {SourceTags} tags): {Loaded} tensors loaded; a new output layer " +
                        "({Head}) for this dataset's {Tags} tags{FrontEnd}", checkpoint, source.Epoch, source.Tags.Count, report.Loaded,
            string.Join(", ", report.NewHead), tags.Count,
            report.OwnFrontEnd.Count > 0 ? $"; the front end's {string.Join(", ", report.OwnFrontEnd)} from this run's settings" : "");
    }
}
