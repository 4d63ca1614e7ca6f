using Pipeline.Host.Configuration;

namespace Pipeline.Tests.Support;

/// <summary>The settings hocon/pipeline.conf gives, read the way the program reads them: the tests' defaults too.</summary>
public static class TestSettings
{
    public static PipelineSettings Defaults { get; } = PipelineSettings.Load(null, []);
}
