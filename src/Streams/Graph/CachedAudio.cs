using Akka;
using Akka.Streams.Dsl;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Graph;

/// <summary>
/// Clips from the audio cache `extract --audio` made, already at the pipeline's rate: samples read on demand from
/// memory-mapped shards. A clip missing from it (it failed at extraction) is a failure.
/// </summary>
public sealed class CachedAudio(AudioCache cache) : IClipAudio
{
    public string Description => $"audio cache ({cache.Count} clips at {cache.SampleRate} Hz)";

    public bool RandomAccess => true;

    public Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism) => Flow.Create<ClipRef>().Select(Read).Named("cache-read");

    public Source<ClipEvent, NotUsed> Stream(ClipRef clip) => Read(clip) switch
    {
        ClipDecoded decoded => Source.From<ClipEvent>([new AudioChunk(clip, decoded.Samples), new ClipEnded(clip, decoded.Seconds, [])]),
        var failed => Source.Single(failed),
    };

    private ClipEvent Read(ClipRef clip) => cache.Contains(clip.Id)
        ? new ClipDecoded(clip, cache.SamplesOf(clip.Id), cache.SampleRate)
        : new ClipFailed(clip, AudioReadFailure.Missing, "not in the audio cache (it failed at extraction; see failed.tsv)");
}
