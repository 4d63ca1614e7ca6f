using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Pipeline.Actors.Cluster.Wire;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster.Wire;

/// <summary>
/// What crosses the wire: every job and result as it was sent (samples as int16, the cache's form), in parcels no
/// larger than the frame allows whatever the clip's length, behind a format version.
/// </summary>
public sealed class WireCodecTests() : Akka.TestKit.Xunit2.TestKit(TestAkka.Config)
{
    private static readonly ClipRef Clip = ProviderFixtures.Clip(7, "/music/a.mp3") with { StatedLength = new Pipeline.Streams.Audio.StatedLength(29, "name") };

    private static float[] Tone(int samples) => [.. Enumerable.Range(0, samples).Select(i => (float)Math.Sin(i * 0.01) * 0.8f)];

    private IWireMessage RoundTrip(IWireMessage message)
    {
        var assembler = new ParcelAssembler();
        var probe = CreateTestProbe();
        Parcels.Send(probe.Ref, message, TestActor);
        var parcels = probe.ReceiveWhile(TimeSpan.FromSeconds(2), m => m as Parcel).ToList();
        Assert.All(parcels, p => Assert.InRange(p.Bytes.Length, 1, Parcels.MaxBytes));
        var serializer = new WireSerializer((ExtendedActorSystem)Sys);
        IWireMessage? whole = null;
        foreach (var parcel in parcels)
            whole = assembler.Add(TestActor, (Parcel)serializer.FromBinary(serializer.ToBinary(parcel), serializer.Manifest(parcel)));
        return whole ?? throw new InvalidOperationException("the parcels did not make the message whole");
    }

    [Fact]
    public void Job_specs_arrive_as_they_were_sent()
    {
        var spec = new TrainingWindowsJob(22_050, 59_049, TrainingWindows.All, new Augmentation(true, false), Seed: 3, Epoch: 4)
        {
            Shaping = new SortedDictionary<string, string> { ["pipeline.audio.sample-rate"] = "22050" }.ToImmutableSortedDictionary(),
        };

        var offer = Assert.IsType<JobOffer>(RoundTrip(new JobOffer(9, spec)));

        Assert.Equal(9, offer.Job);
        Assert.Equal(spec.Shaping, offer.Spec.Shaping);
        Assert.Equal(spec with { Shaping = offer.Spec.Shaping }, offer.Spec);
        var scoring = new ScoringJob("tag", new WindowShape(8_000, 729, 400), 32, TestSettings.Defaults.Model, ["a", "b"], [1, 2, 3], Precision.Bf16,
            new RegroupOptions(ScorePooling.Max, true, false), Layer: "");
        var back = Assert.IsType<ScoringJob>(Assert.IsType<JobOffer>(RoundTrip(new JobOffer(1, scoring))).Spec);
        Assert.Equal(scoring with { Weights = back.Weights, Tags = back.Tags, Model = back.Model, Shaping = back.Shaping }, back);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(scoring.Model), System.Text.Json.JsonSerializer.Serialize(back.Model));
        Assert.Equal(scoring.Tags.ToArray(), back.Tags.ToArray());
        Assert.Equal([1, 2, 3], back.Weights);
    }

    [Fact]
    public void A_40_minute_clip_travels_in_parcels_within_the_frame_as_int16_samples()
    {
        var samples = Tone(8_000 * 60 * 40);
        var result = new AudioResult(new ClipDecoded(Clip, new ArraySamples(samples), 8_000) { Warnings = ["odd"] });

        var back = Assert.IsType<ItemResult>(RoundTrip(new ItemResult(2, 7, result)));

        var decoded = Assert.IsType<ClipDecoded>(((AudioResult)back.Result).Audio);
        AssertSame(Clip, decoded.Clip);
        Assert.Equal(["odd"], decoded.Warnings);
        var received = ((ArraySamples)decoded.Samples).Array;
        Assert.Equal(samples.Length, received.Length);
        Assert.All(Enumerable.Range(0, 1_000).Select(i => i * 19_211), i => Assert.Equal(samples[i], received[i], 1f / 16_000));
        // int16 on the wire: two bytes a sample, whatever else the message holds.
        Assert.InRange(WireCodec.Encode(new ItemResult(2, 7, result)).Length / (double)samples.Length, 2.0, 2.0001);
    }

    [Fact]
    public void A_clips_windows_scores_and_failures_arrive_as_they_were_sent()
    {
        var windows = new WindowsResult(Clip, [new Window(Clip, 0, Tone(100)), new Window(Clip, 3, Tone(100)), new ClipEnded(Clip, 4.5, ["w"]) { Windows = 2 }]);
        var scored = new ScoredResult(new ClipScored(Clip, 12.5, 3, [0.25f, 0.75f], [1, 2, 3], null, [4, 5], ["x"]));
        var failed = new ScoredResult(new ClipNotScored(Clip, "not audio") { Failure = Pipeline.Streams.Audio.AudioReadFailure.NotAudio });

        var back = Assert.IsType<WindowsResult>(((ItemResult)RoundTrip(new ItemResult(1, 7, windows))).Result);
        Assert.Equal([0L, 3L], back.Events.OfType<Window>().Select(w => w.Index));
        Assert.Equal(Tone(100)[57], back.Events.OfType<Window>().Last().Samples[57], 1f / 16_000);
        Assert.Equal((4.5, 2L), (((ClipEnded)back.Events[^1]).Seconds, ((ClipEnded)back.Events[^1]).Windows));
        var score = Assert.IsType<ClipScored>(((ScoredResult)((ItemResult)RoundTrip(new ItemResult(1, 7, scored))).Result).Outcome);
        Assert.Equal((12.5, 3), (score.Seconds, score.Windows));
        Assert.Equal([0.25f, 0.75f], score.Scores);
        Assert.Equal([1f, 2f, 3f], score.Timeline);
        Assert.Null(score.Embedding);
        Assert.Equal([4f, 5f], score.WindowEmbeddings);
        Assert.Equal(["x"], score.Warnings);
        AssertSame(Clip, score.Clip);
        var notScored = Assert.IsType<ClipNotScored>(((ScoredResult)((ItemResult)RoundTrip(new ItemResult(1, 7, failed))).Result).Outcome);
        Assert.Equal(("not audio", Pipeline.Streams.Audio.AudioReadFailure.NotAudio), (notScored.Reason, notScored.Failure));
    }

    private static void AssertSame(ClipRef expected, ClipRef actual)
    {
        Assert.Equal((expected.Index, expected.Id, expected.AudioPath, expected.StatedLength), (actual.Index, actual.Id, actual.AudioPath, actual.StatedLength));
        Assert.Equal(expected.Labels.ToArray(), actual.Labels.ToArray());
    }

    [Fact]
    public void A_message_of_another_format_version_is_refused_saying_which()
    {
        var serializer = new WireSerializer((ExtendedActorSystem)Sys);
        var bytes = serializer.ToBinary(new JobEnded(4));
        bytes[0] = WireSerializer.FormatVersion + 1;

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, serializer.Manifest(new JobEnded(4))));

        Assert.Contains($"wire format {WireSerializer.FormatVersion + 1} reached a node of format {WireSerializer.FormatVersion}", error.Message);
    }
}
