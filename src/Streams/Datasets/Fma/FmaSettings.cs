namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// Where FMA's metadata is (a folder under the source holding tracks.csv and genres.csv), which subset to read
/// (its audio is under fma_&lt;subset&gt;) and which tracks.csv column gives the tags.
/// </summary>
public sealed record FmaSettings(string MetadataFolder, FmaSubset Subset, FmaTagSource TagSource)
{
}
