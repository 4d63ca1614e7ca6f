using Akka;
using Akka.Streams.Dsl;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;

namespace Pipeline.Streams.Provider;

/// <summary>
/// Where a clip's samples come from, as one contract: every source answers each clip with a
/// <see cref="DecodeOutcome"/>, its samples at the pipeline's rate or why it has none.
/// </summary>
public static class AudioFlows
{
    /// <summary>The files, through the decoders (each clip on a decoder of its own), downsampled to the resampler's rate.</summary>
    public static Flow<ClipRef, DecodeOutcome, NotUsed> FromFiles(IClipDecoder decoder, Resampler resampler, int parallelism) =>
        Flow.Create<ClipRef>()
            .SelectAsync(parallelism, decoder.DecodeAsync).Named("decode")
            .SelectAsync(parallelism, outcome => outcome is ClipDecoded { Samples: ArraySamples samples } decoded && decoded.SampleRate != resampler.OutputRate
                ? Task.Run(() => (DecodeOutcome)(decoded with
                {
                    Samples = new ArraySamples(resampler.Resample(samples.Array, decoded.SampleRate)),
                    SampleRate = resampler.OutputRate,
                }))
                : Task.FromResult(outcome)).Named("downsample");

    /// <summary>The cache `extract --audio` made (already at the pipeline's rate); a clip missing from it is a failure.</summary>
    public static Flow<ClipRef, DecodeOutcome, NotUsed> FromCache(AudioCache cache) =>
        Flow.Create<ClipRef>().Select(clip => cache.Contains(clip.Id)
            ? (DecodeOutcome)new ClipDecoded(clip, cache.SamplesOf(clip.Id), cache.SampleRate)
            : new ClipFailed(clip, AudioReadFailure.Missing, "not in the audio cache (it failed at extraction; see failed.tsv)")).Named("cache-read");
}
