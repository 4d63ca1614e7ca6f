namespace Pipeline.Streams.Provider;

/// <summary>
/// The windows cut from one clip for an epoch (none for a clip that failed): the unit a worker node sends, so that a
/// clip is received whole or reassigned whole, and every clip of a partition is answered for.
/// </summary>
public sealed record ClipSegments(ClipRef Clip, IReadOnlyList<Segment> Segments);
