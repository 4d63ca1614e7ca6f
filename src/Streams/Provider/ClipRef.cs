using System.Collections.Immutable;
using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Provider;

/// <summary>
/// A clip as the provider sees it: its position in the split (stable across epochs, used for seeding and for
/// averaging evaluation windows), its id, where its audio file is, its multi-hot label vector, and the length its
/// dataset states (a file that decodes to less is truncated).
/// </summary>
public sealed record ClipRef(int Index, string Id, string AudioPath, ImmutableArray<float> Labels, StatedLength? StatedLength = null);
