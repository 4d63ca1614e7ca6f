namespace Pipeline.Tests.Support;

/// <summary>Tests that replace Serilog's global logger run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalLoggerCollection
{
    public const string Name = "global Serilog logger";
}
