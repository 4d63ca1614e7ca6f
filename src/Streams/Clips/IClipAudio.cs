using Akka;
using Akka.Streams.Dsl;

namespace Pipeline.Streams.Clips;

/// <summary>
/// Where clips' samples come from, at the pipeline's rate, as one contract for every job: the supervised decoders over
/// the files (src/Actors/Decoding), or the audio cache `extract --audio` made (<see cref="Graph.CachedAudio"/>).
/// Every clip is answered for, with its audio or a <see cref="ClipFailed"/>; neither form ever fails the stream.
/// </summary>
public interface IClipAudio
{
    /// <summary>What the audio is, for the log.</summary>
    string Description { get; }

    /// <summary>Samples are read on demand at any offset for nothing (the cache's memory-mapped shards).</summary>
    bool RandomAccess { get; }

    /// <summary>Each clip whole (<see cref="ClipDecoded"/>) or its failure, in the order given, up to <paramref name="parallelism"/> at once.</summary>
    Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism);

    /// <summary>One clip as it is read: <see cref="AudioChunk"/>s, then <see cref="ClipEnded"/> or <see cref="ClipFailed"/>; memory does not grow with its length.</summary>
    Source<ClipEvent, NotUsed> Stream(ClipRef clip);
}
