using System.Collections.Immutable;

namespace Pipeline.Streams.Provider;

/// <summary>
/// A clip as the provider sees it: its position in the split (stable across epochs, used for seeding and for
/// averaging evaluation windows), its id, where its audio file is, and its multi-hot label vector.
/// </summary>
public sealed record ClipRef(int Index, string Id, string AudioPath, ImmutableArray<float> Labels);
