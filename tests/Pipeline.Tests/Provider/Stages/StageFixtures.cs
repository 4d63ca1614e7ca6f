using Akka.Actor;
using Akka.Streams;
using Akka.Streams.TestKit;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>Clips, their audio and windows for the stage specs, and the materializer they run on.</summary>
public static class StageFixtures
{
    /// <summary>How long a spec waits to see that nothing is pulled or pushed.</summary>
    public static TimeSpan Quiet { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A materializer whose asynchronous boundaries hold one element. A source probe is a publisher, so a boundary
    /// stands between it and the stage under test, and it fetches ahead up to its size: with one, what the probe is
    /// asked for is what the stage pulled, plus exactly one.
    /// </summary>
    public static IMaterializer OneElementBoundaries(ActorSystem system) =>
        system.Materializer(ActorMaterializerSettings.Create(system).WithInputBuffer(1, 1));

    public static ClipRef Clip(int index) => ProviderFixtures.Clip(index, $"/virtual/{index}.mp3");

    /// <summary>Clip <paramref name="index"/> decoded to <paramref name="samples"/> samples of a ramp 0, 1, 2, ...</summary>
    public static ClipDecoded Decoded(int index, int samples = 16) =>
        new(Clip(index), new ArraySamples(Enumerable.Range(0, samples).Select(i => (float)i).ToArray()), 22_050);

    public static ClipFailed Failed(int index, AudioReadFailure failure = AudioReadFailure.NotAudio) =>
        new(Clip(index), failure, $"clip {index} is not audio");

    /// <summary>A window of clip <paramref name="clip"/> whose samples all equal the clip's index.</summary>
    public static Window Window(int clip, int length = 4) => new(Clip(clip), 0, Enumerable.Repeat((float)clip, length).ToArray());

    /// <summary>Sends one <see cref="Window(int, int)"/> per clip index, in order.</summary>
    public static void Send(TestPublisher.Probe<ClipEvent> up, IEnumerable<int> clips)
    {
        foreach (var clip in clips)
            up.SendNext(Window(clip));
    }
}
