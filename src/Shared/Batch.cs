using System.Collections.Immutable;

namespace Pipeline.Shared;

/// <summary>
/// Model input: windows as float32 [Count, 1, SegmentSamples] and labels as float32 [Count, TagCount], both row-major,
/// and the clip (its index in its split) every row was cut from, so that evaluation can average a clip's windows.
/// </summary>
public sealed record Batch(int Count, int SegmentSamples, int TagCount, float[] Samples, float[] Labels, ImmutableArray<int> Clips);
