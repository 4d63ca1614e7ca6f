namespace Pipeline.Streams.Cache;

/// <summary>Where one clip's samples are: the shard file, the sample offset inside its data, and the sample count.</summary>
public sealed record CacheEntry(string ClipId, string Shard, long Offset, int Length);
