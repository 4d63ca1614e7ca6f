using Pipeline.Host.Logging;
using Pipeline.Streams.Audio;
using Serilog.Events;

namespace Pipeline.Host.Configuration;

/// <summary>
/// Every setting of the pipeline, read once from the merged HOCON layers and validated. This is the only place
/// that knows configuration key names; the rest of the code receives typed records.
/// </summary>
public sealed record PipelineSettings(AudioSettings Audio, LoggingSettings Logging)
{
    public static PipelineSettings Read(SettingsReader r) => new(ReadAudio(r), ReadLogging(r));

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
        }));

    private static LoggingSettings ReadLogging(SettingsReader r) => new(
        Level: r.Choice("pipeline.logging.level", new Dictionary<string, LogEventLevel>
        {
            ["verbose"] = LogEventLevel.Verbose,
            ["debug"] = LogEventLevel.Debug,
            ["information"] = LogEventLevel.Information,
            ["warning"] = LogEventLevel.Warning,
            ["error"] = LogEventLevel.Error,
        }),
        Directory: r.String("pipeline.logging.directory"));
}
