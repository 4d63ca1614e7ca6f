namespace Pipeline.Tests.Support.Network;

/// <summary>
/// Tests that run nodes on separate hosts run alone: each starts several processes, and on a 2-core machine two such
/// tests at once would slow heartbeats enough to make nodes look unreachable.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeparateHostsCollection
{
    public const string Name = "separate hosts";
}
