namespace Pipeline.Streams.Extraction;

/// <summary>How the audio cache is written: the approximate size of one shard file.</summary>
public sealed record ExtractionSettings(long ShardBytes);
