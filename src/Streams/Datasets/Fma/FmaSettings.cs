using Pipeline.Streams.Datasets.Fma.LastFm;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// Where FMA's metadata is (a folder under the source holding tracks.csv and genres.csv), which subset to read
/// (its audio is under fma_&lt;subset&gt;), where the tags come from (a tracks.csv column, or Last.fm), and the
/// MSD files the Last.fm tags need.
/// </summary>
public sealed record FmaSettings(string MetadataFolder, FmaSubset Subset, FmaTagSource TagSource, FmaLastFmSettings LastFm);
