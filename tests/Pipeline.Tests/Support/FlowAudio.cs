using Akka;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;

namespace Pipeline.Tests.Support;

/// <summary>
/// Audio made by a flow of whole clips (synthetic, counted, gated or interrupted in tests), as the one path reads it:
/// whole, or one clip as a stream (its whole audio as one chunk, then its ending).
/// </summary>
public sealed class FlowAudio(Flow<ClipRef, ClipEvent, NotUsed> whole, bool randomAccess = false) : IClipAudio
{
    public string Description => "test audio";

    public bool RandomAccess => randomAccess;

    public Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism) => whole;

    public Source<ClipEvent, NotUsed> Stream(ClipRef clip) =>
        Source.Single(clip).Via(whole).SelectMany(clipEvent => clipEvent is ClipDecoded decoded
            ? [new AudioChunk(clip, decoded.Samples), new ClipEnded(clip, decoded.Seconds, decoded.Warnings)]
            : new[] { clipEvent });
}

/// <summary>Audio whose clips first pass a flow of the test's (to count, hold back or fail them).</summary>
public sealed class PrecededAudio(IClipAudio audio, Flow<ClipRef, ClipRef, NotUsed> before) : IClipAudio
{
    public string Description => audio.Description;

    public bool RandomAccess => audio.RandomAccess;

    public Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism) => before.Via(audio.Whole(parallelism));

    public Source<ClipEvent, NotUsed> Stream(ClipRef clip) => Source.Single(clip).Via(before).ConcatMany(audio.Stream);
}
