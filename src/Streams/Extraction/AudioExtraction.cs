using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// Decodes the planned clips into the audio cache through the one path's audio (supervised decoders, resampled to
/// <paramref name="sampleRate"/>) and failure guard. Clips already in the cache are not decoded again.
/// </summary>
public sealed class AudioExtraction(DataProvider provider, IClipAudio audio, int sampleRate, ActorSystem system)
{
    public int SampleRate => sampleRate;

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

        var (killSwitch, done) = provider.Decoded(todo, audio, alreadyCached)
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
            .Run(StreamMaterializer.Create(system, provider.Settings.StreamBuffer));

        await using (cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("extraction cancelled"))))
            await done;

        writer.Complete();
        return new Result(decoded, alreadyCached, failures, writer.BytesWritten, writer.ShardsWritten);
    }
}
