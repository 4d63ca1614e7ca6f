using Akka;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;

namespace Pipeline.Benchmarks;

/// <summary>Clips of <paramref name="samples"/> zeros, for benchmarks of what comes after the audio (the shuffle).</summary>
public sealed class SilentAudio(int samples, bool randomAccess) : IClipAudio
{
    public string Description => $"silent clips of {samples} samples";

    public bool RandomAccess => randomAccess;

    public Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism) =>
        Flow.Create<ClipRef>().Select(clip => (ClipEvent)new ClipDecoded(clip, new ArraySamples(new float[samples]), 22_050));

    public Source<ClipEvent, NotUsed> Stream(ClipRef clip) =>
        Source.From<ClipEvent>([new AudioChunk(clip, new ArraySamples(new float[samples])), new ClipEnded(clip, samples / 22_050.0, [])]);
}
