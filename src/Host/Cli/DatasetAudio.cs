using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Provider;
using Serilog;

namespace Pipeline.Host.Cli;

/// <summary>
/// Where a command reads an extracted dataset's audio: the cache that `extract --audio` made (already at the
/// pipeline's rate), or the audio files through the supervised decoders and the resampler.
/// </summary>
public sealed class DatasetAudio : IDisposable
{
    private readonly AudioCache? _cache;

    private DatasetAudio(ExtractedDataset dataset, Flow<ClipRef, ClipAudio, NotUsed> audio, AudioCache? cache, string description)
    {
        Dataset = dataset;
        Audio = audio;
        _cache = cache;
        Description = description;
    }

    public ExtractedDataset Dataset { get; }
    public Flow<ClipRef, ClipAudio, NotUsed> Audio { get; }
    public string Description { get; }

    /// <param name="partOfLargerRun">A worker node decodes partitions of a run the trainer oversees.</param>
    public static DatasetAudio Open(ExtractedDataset dataset, AudioSource source, int sampleRate, DataProvider provider,
        ActorSystem system, PipelineSettings settings, bool partOfLargerRun = false)
    {
        var cacheExists = AudioCache.Exists(dataset.AudioCacheDirectory);
        if (source == AudioSource.Cache && !cacheExists)
            throw new UsageException($"usage error: {dataset.Directory} has no audio cache (run extract with --audio, or set pipeline.training.audio-source = files)");

        if (source != AudioSource.Files && cacheExists)
        {
            var cache = AudioCache.Open(dataset.AudioCacheDirectory);
            if (cache.SampleRate != sampleRate)
            {
                cache.Dispose();
                throw new UsageException($"usage error: the audio cache in {dataset.AudioCacheDirectory} is at {cache.SampleRate} Hz " +
                                         $"but the model needs {sampleRate} Hz (extract again with pipeline.audio.sample-rate = {sampleRate})");
            }
            return new DatasetAudio(dataset, DataProvider.AudioFromCache(cache), cache, $"audio cache ({cache.Count} clips at {cache.SampleRate} Hz)");
        }

        var decoders = SupervisedDecoders.Start(system, settings.Provider.DecodeParallelism, settings.Provider.DecodeTimeout, settings.Audio.CreateReader());
        var resampler = new Resampler(sampleRate, settings.Audio.ResampleQuality);
        return new DatasetAudio(dataset, provider.AudioFromFiles(decoders, resampler, earlierSuccesses: partOfLargerRun ? 1 : 0), null,
            $"audio files under {dataset.AudioRoot} ({settings.Provider.DecodeParallelism} decoders, resampled to {sampleRate} Hz)");
    }

    /// <summary>The split's clips that have audio: with the cache, clips whose decoding failed at extraction are left out.</summary>
    public IReadOnlyList<ClipRef> Clips(Split split)
    {
        var clips = Dataset.Clips(split);
        if (_cache is null)
            return clips;
        var usable = clips.Where(c => _cache.Contains(c.Id)).Select((c, i) => c with { Index = i }).ToList();
        if (usable.Count < clips.Count)
            Log.Warning("{Missing} of the {Total} {Split} clips have no cached audio (see {Failed}); they are left out",
                clips.Count - usable.Count, clips.Count, SplitNames.Of(split), Path.Combine(Dataset.Directory, ArchiveFiles.Failed));
        return usable;
    }

    public void Dispose() => _cache?.Dispose();
}
