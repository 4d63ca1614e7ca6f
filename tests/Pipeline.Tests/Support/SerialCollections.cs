namespace Pipeline.Tests.Support;

/// <summary>Tests that replace Serilog's global logger run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalLoggerCollection
{
    public const string Name = "global Serilog logger";
}

/// <summary>
/// Tests whose assertions depend on libtorch's process-wide state (its random generator, its thread count) run
/// alone: another test training at the same time would draw from the same generator.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "libtorch global state";
}
