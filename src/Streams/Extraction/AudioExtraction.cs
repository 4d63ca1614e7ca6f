using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Provider;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// Decodes and downsamples the planned clips into the audio cache through the provider's audio stage and failure
/// guard (supervised decoders, resampler). Clips already in the cache are not decoded again.
/// </summary>
public sealed class AudioExtraction(DataProvider provider, IClipDecoder decoder, Resampler resampler, ActorSystem system)
{
    public int SampleRate => resampler.OutputRate;

    public sealed record Result(int Decoded, int AlreadyCached, IReadOnlyList<FailedClip> Failures, long BytesWritten, int ShardsWritten);

    public async Task<Result> RunAsync(IReadOnlyList<ClipRef> clips, string cacheDirectory, long shardBytes,
        Action<ExtractionProgress> progress, CancellationToken cancellation)
    {
        using var writer = AudioCacheWriter.Open(cacheDirectory, resampler.OutputRate, shardBytes);
        var todo = clips.Where(c => !writer.CachedClipIds.Contains(c.Id)).ToList();
        var alreadyCached = clips.Count - todo.Count;
        var failures = new List<FailedClip>();
        var decoded = 0;
        progress(new ExtractionProgress(alreadyCached, clips.Count, 0, alreadyCached));

        var (killSwitch, done) = Source.From(todo)
            .Via(provider.Guarded(AudioFlows.FromFiles(decoder, resampler, provider.Settings.DecodeParallelism), alreadyCached))
            .ViaMaterialized(KillSwitches.Single<DecodeOutcome>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<DecodeOutcome>(outcome =>
            {
                switch (outcome)
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
            .Run(provider.Materializer(system));

        await using (cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("extraction cancelled"))))
            await done;

        writer.Complete();
        return new Result(decoded, alreadyCached, failures, writer.BytesWritten, writer.ShardsWritten);
    }
}
