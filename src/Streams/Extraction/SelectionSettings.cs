using Pipeline.Streams.Datasets;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// How extraction turns a dataset's metadata into the training archive: shuffle, limit, top tags (null: every tag),
/// split.
/// </summary>
public sealed record SelectionSettings(int Seed, int Limit, int? TopTags, SplitMode Split, double ValidFraction, double TestFraction);
