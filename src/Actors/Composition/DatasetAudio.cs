using Akka.Actor;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Actors.Composition;

/// <summary>
/// Where a command reads an extracted dataset's audio: the cache that `extract --audio` made (already at the
/// pipeline's rate), or the audio files through the one decoder pool, resampled to the pipeline's rate.
/// </summary>
public sealed class DatasetAudio : IDisposable
{
    private readonly AudioCache? _cache;

    private DatasetAudio(ExtractedDataset dataset, IClipAudio audio, AudioCache? cache)
    {
        Dataset = dataset;
        Audio = audio;
        _cache = cache;
    }

    public ExtractedDataset Dataset { get; }
    public IClipAudio Audio { get; }
    public string Description => Audio is CachedAudio ? Audio.Description : $"{Audio.Description} under {Dataset.AudioRoot}";

    public static DatasetAudio Open(ExtractedDataset dataset, AudioSource source, AudioSettings audio, ProviderSettings provider, ActorSystem system)
    {
        var cacheExists = AudioCache.Exists(dataset.AudioCacheDirectory);
        if (source == AudioSource.Cache && !cacheExists)
            throw new CacheMismatchException($"{dataset.Directory} has no audio cache (run extract with --audio, or set pipeline.training.audio-source = files)");

        if (source != AudioSource.Files && cacheExists)
        {
            var cache = AudioCache.Open(dataset.AudioCacheDirectory);
            if (cache.SampleRate != audio.SampleRate)
            {
                cache.Dispose();
                throw new CacheMismatchException($"the audio cache in {dataset.AudioCacheDirectory} is at {cache.SampleRate} Hz but the model needs " +
                                                 $"{audio.SampleRate} Hz (extract again with pipeline.audio.sample-rate = {audio.SampleRate})");
            }
            return new DatasetAudio(dataset, new CachedAudio(cache), cache);
        }
        return new DatasetAudio(dataset, SupervisedDecoders.Start(system, provider.DecodeParallelism, provider.DecodeTimeout, audio), null);
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
