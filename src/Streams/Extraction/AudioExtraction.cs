using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// Decodes the planned clips into the audio cache: <paramref name="decodedClips"/> gives the clips still to do, whole (or
/// their failures) at <paramref name="sampleRate"/>, past the failure guard, which weighs the clips already cached; this
/// node's decoders give them (<see cref="Local"/>), or a cluster's workers. Clips already in the cache are not decoded
/// again.
/// </summary>
public sealed class AudioExtraction(Func<IReadOnlyList<ClipRef>, long, Source<ClipEvent, NotUsed>> decodedClips, int sampleRate, int streamBuffer, ActorSystem system)
{
    public int SampleRate => sampleRate;

    /// <summary>This node's decoders, through the one path's audio and failure guard.</summary>
    public static Func<IReadOnlyList<ClipRef>, long, Source<ClipEvent, NotUsed>> Local(DataProvider provider, IClipAudio audio) =>
        (clips, alreadyCached) => provider.Decoded(clips, audio, alreadyCached);

    public sealed record Result(int Decoded, int AlreadyCached, IReadOnlyList<FailedClip> Failures, long BytesWritten, int ShardsWritten);

    public async Task<Result> RunAsync(IReadOnlyList<ClipRef> clips, string cacheDirectory, long shardBytes,
        Action<ExtractionProgress> progress, CancellationToken cancellation)
    {
        using var writer = AudioCacheWriter.Open(cacheDirectory, sampleRate, shardBytes);
        var todo = clips.Where(c => !writer.CachedClipIds.Contains(c.Id)).ToList();
        var alreadyCached = clips.Count - todo.Count;
        var failures = new List<FailedClip>();
        var decoded = 0;
        progress(new ExtractionProgress(alreadyCached, clips.Count, 0, alreadyCached));

        var (killSwitch, done) = decodedClips(todo, alreadyCached)
            .ViaMaterialized(KillSwitches.Single<ClipEvent>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<ClipEvent>(clipEvent =>
            {
                switch (clipEvent)
                {
                    case ClipDecoded ok:
                        writer.Append(ok.Clip.Id, ((ArraySamples)ok.Samples).Array); // decoded files are in memory
                        decoded++;
                        break;
                    case ClipFailed bad:
                        failures.Add(new FailedClip(bad.Clip.Id, bad.Clip.AudioPath, bad.Reason));
                        break;
                }
                progress(new ExtractionProgress(alreadyCached + decoded + failures.Count, clips.Count, failures.Count, alreadyCached));
            }), Keep.Both)
            .Run(StreamMaterializer.Create(system, streamBuffer));

        await using (cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("extraction cancelled"))))
            await done;

        writer.Complete();
        return new Result(decoded, alreadyCached, failures, writer.BytesWritten, writer.ShardsWritten);
    }
}
