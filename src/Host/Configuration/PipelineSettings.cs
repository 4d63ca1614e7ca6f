using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Host.Logging;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Synth;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Serilog.Events;

namespace Pipeline.Host.Configuration;

/// <summary>
/// Every setting of the pipeline, read once from the merged HOCON layers and validated. This is the only place
/// that knows configuration key names; the rest of the code receives typed records.
/// </summary>
public sealed record PipelineSettings(
    AudioSettings Audio,
    DatasetSettings Dataset,
    ExtractionSettings Extraction,
    ProviderSettings Provider,
    ModelSettings Model,
    TrainingSettings Training,
    AudioSource AudioSource,
    ClusterSettings Cluster,
    LoggingSettings Logging,
    SynthSettings Synth)
{
    public static PipelineSettings Read(SettingsReader r) => new(
        ReadAudio(r),
        DatasetSettingsReader.Read(r),
        ReadExtraction(r),
        ReadProvider(r),
        ModelSettingsReader.Read(r),
        ReadTraining(r),
        r.Choice("pipeline.training.audio-source", new Dictionary<string, AudioSource>
        {
            ["auto"] = AudioSource.Auto,
            ["cache"] = AudioSource.Cache,
            ["files"] = AudioSource.Files,
        }),
        ClusterSettingsReader.Read(r),
        ReadLogging(r),
        ReadSynth(r));

    public static PipelineSettings Load(string? userFile, IReadOnlyList<string> overrides) =>
        Read(new SettingsReader(ConfigLayers.Load(userFile, overrides)));

    private static AudioSettings ReadAudio(SettingsReader r) => new(
        SampleRate: r.Int("pipeline.audio.sample-rate", min: 1_000, max: 384_000),
        ResampleQuality: r.Choice("pipeline.audio.resample-quality", new Dictionary<string, ResampleQuality>
        {
            ["quick"] = ResampleQuality.Quick,
            ["low"] = ResampleQuality.Low,
            ["medium"] = ResampleQuality.Medium,
            ["high"] = ResampleQuality.High,
            ["very-high"] = ResampleQuality.VeryHigh,
        }),
        Mp3Decoder: r.Choice("pipeline.audio.mp3-decoder", new Dictionary<string, Mp3Decoder>
        {
            ["auto"] = Mp3Decoder.Auto,
            ["nlayer"] = Mp3Decoder.NLayer,
            ["libsndfile"] = Mp3Decoder.LibSndFile,
        }),
        LibSndFile: r.String("pipeline.audio.libsndfile"),
        StatedLengthTolerance: r.Duration("pipeline.audio.stated-length-tolerance", TimeSpan.Zero, TimeSpan.FromHours(1)));

    private static ExtractionSettings ReadExtraction(SettingsReader r) => new(
        ShardBytes: r.Int("pipeline.extraction.shard-megabytes", min: 1, max: 65_536) * 1024L * 1024L);

    private static ProviderSettings ReadProvider(SettingsReader r)
    {
        var buffer = r.Int("pipeline.provider.stream-buffer", min: 1, max: 1_024);
        if ((buffer & (buffer - 1)) != 0)
            throw r.Problem("pipeline.provider.stream-buffer", buffer.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a power of two");
        var parallelism = r.Int("pipeline.provider.decode-parallelism", min: 0, max: 256);
        return new ProviderSettings(
            WindowSamples: r.Int("pipeline.provider.window-samples", min: 1, max: 100_000_000),
            TrainingWindows: r.Choice("pipeline.provider.training-windows", new Dictionary<string, TrainingWindows>
            {
                ["random"] = TrainingWindows.Random,
                ["all"] = TrainingWindows.All,
            }),
            ShuffleBuffer: r.Int("pipeline.provider.shuffle-buffer", min: 1, max: 10_000_000),
            DecodeParallelism: parallelism == 0 ? Environment.ProcessorCount : parallelism,
            StreamBuffer: buffer,
            DecodeTimeout: r.Duration("pipeline.provider.decode-timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            FailureWindow: r.Int("pipeline.provider.failure-window", min: 1, max: 1_000_000),
            MaxFailureFraction: r.Double("pipeline.provider.max-failure-fraction", 0, 1),
            Augment: new Augmentation(r.Bool("pipeline.provider.augment-polarity"), r.Bool("pipeline.provider.jitter-windows")));
    }

    private static TrainingSettings ReadTraining(SettingsReader r) => new(
        Epochs: r.Int("pipeline.training.epochs", min: 1, max: 100_000),
        BatchSize: r.Int("pipeline.training.batch-size", min: 1, max: 65_536),
        Optimizer: r.Choice("pipeline.training.optimizer", new Dictionary<string, OptimizerKind>
        {
            ["sgd"] = OptimizerKind.Sgd,
            ["adam"] = OptimizerKind.Adam,
        }),
        LearningRate: r.Double("pipeline.training.learning-rate", 1e-9, 10),
        Momentum: r.Double("pipeline.training.momentum", 0, 0.9999),
        Nesterov: r.Bool("pipeline.training.nesterov"),
        WeightDecay: r.Double("pipeline.training.weight-decay", 0, 1),
        LrReductionFactor: r.Double("pipeline.training.lr-reduction-factor", 1e-6, 0.9999),
        LrPatience: r.Int("pipeline.training.lr-patience", min: 0, max: 10_000),
        MaxLrReductions: r.Int("pipeline.training.max-lr-reductions", min: 0, max: 1_000),
        SnapshotEverySteps: r.Int("pipeline.training.snapshot-every-steps", min: 0),
        CheckpointEverySteps: r.Int("pipeline.training.checkpoint-every-steps", min: 0),
        LogEverySteps: r.Int("pipeline.training.log-every-steps", min: 1),
        Device: r.Choice("pipeline.training.device", new Dictionary<string, DeviceChoice>
        {
            ["auto"] = DeviceChoice.Auto,
            ["cpu"] = DeviceChoice.Cpu,
            ["cuda"] = DeviceChoice.Cuda,
        }),
        Precision: r.Choice("pipeline.training.precision", new Dictionary<string, Precision>
        {
            ["auto"] = Precision.Auto,
            ["fp32"] = Precision.Fp32,
            ["bf16"] = Precision.Bf16,
        }),
        Threads: r.Int("pipeline.training.threads", min: 0, max: 1_024),
        Seed: r.Int("pipeline.training.seed"),
        EvaluationBatchSize: r.Int("pipeline.training.evaluation-batch-size", min: 1, max: 65_536),
        Schedule: ScheduleSettingsReader.Read(r))
    {
        Mixup = new Mixup(r.Double("pipeline.training.mixup-alpha", 0, 100)),
    };

    private static LoggingSettings ReadLogging(SettingsReader r) => new(
        Level: r.Choice("pipeline.logging.level", new Dictionary<string, LogEventLevel>
        {
            ["verbose"] = LogEventLevel.Verbose,
            ["debug"] = LogEventLevel.Debug,
            ["information"] = LogEventLevel.Information,
            ["warning"] = LogEventLevel.Warning,
            ["error"] = LogEventLevel.Error,
        }),
        Directory: r.String("pipeline.logging.directory"),
        ProgressInterval: r.Duration("pipeline.logging.progress-interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)));

    private static SynthSettings ReadSynth(SettingsReader r) => new(
        Soundfont: r.String("pipeline.synth.soundfont"),
        Parallelism: r.Int("pipeline.synth.parallelism", min: 0, max: 256),
        Gain: r.Double("pipeline.synth.gain", min: 0.01, max: 10));
}
