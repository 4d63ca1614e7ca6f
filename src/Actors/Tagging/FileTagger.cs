using Pipeline.Model.Evaluation;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;
using Pipeline.Streams.Provider.Stages;

namespace Pipeline.Actors.Tagging;

/// <summary>The tags predicted for one audio file: its length, the windows averaged, and every tag's score, best first.</summary>
public sealed record FileTags(string File, double Seconds, int Windows, IReadOnlyList<(string Tag, float Score)> Scores);

/// <summary>
/// Tags any audio file the decoder reads, at any rate and channel count: decode, resample to the model's rate, cut
/// every window, predict, average over windows (as evaluation does).
/// </summary>
public sealed class FileTagger(EvaluationSession session, AudioFileReader reader, int sampleRate, ResampleQuality quality, int batchSize)
{
    private readonly Resampler _resampler = new(sampleRate, quality);

    public FileTags Tag(string file)
    {
        var audio = _resampler.ToOutputRate(reader.Read(file));
        var clip = new ClipRef(0, file, file, [.. new float[session.Tags.Count]]);
        var scores = new ClipScores(1, session.Tags.Count);
        var windows = Segmenter.AllWindows(clip, new ArraySamples(audio.Samples), session.SegmentSamples).ToList();
        foreach (var chunk in windows.Chunk(batchSize))
            session.Accumulate(scores, BatchFlows.From(chunk));
        var (averages, _, _) = scores.Averages();
        var ranked = session.Tags.Select((tag, i) => (tag, averages[i])).OrderByDescending(t => t.Item2).ToList();
        return new FileTags(file, audio.Duration.TotalSeconds, windows.Count, ranked);
    }
}
