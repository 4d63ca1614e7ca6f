using Akka.Streams.TestKit;
using Pipeline.Actors.Cluster;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Tests.Cluster;

/// <summary>What a stand-in worker sends down its partition's stream, and what the trainer's end receives.</summary>
public static class PartitionStreams
{
    public const int WindowLength = 8;

    public static ClipWindows Windows(ClipRef clip) => new(clip, WindowLength, new float[WindowLength]);

    public static void Send(TestPublisher.Probe<ClipWindows> stream, IEnumerable<ClipRef> clips)
    {
        foreach (var clip in clips)
            stream.SendNext(Windows(clip));
    }

    /// <summary>Sends what the stream is asked for until it is asked nothing more for <paramref name="quiet"/>; returns how many.</summary>
    public static int ServeUntilNotAsked(TestPublisher.Probe<ClipWindows> stream, IReadOnlyList<ClipRef> share, TimeSpan quiet)
    {
        stream.EnsureSubscription();
        var served = 0;
        while (true)
        {
            var asked = stream.ReceiveWhile(quiet, quiet, m => m is TestPublisher.RequestMore ? m : null)
                .Cast<TestPublisher.RequestMore>().Sum(r => r.NrOfElements);
            if (asked == 0)
                return served;
            // Straight to the subscription: the probe's own request bookkeeping was bypassed by reading its requests here.
            for (var i = 0; i < asked; i++)
                stream.Subscription.SendNext(Windows(share[served++]));
        }
    }

    public static List<int> Indices(IEnumerable<ClipRef> clips) => clips.Select(c => c.Index).ToList();

    public static List<int> Received(TestSubscriber.Probe<ClipWindows> trainer, int count) =>
        trainer.ExpectNextN(count).Select(w => w.Clip.Index).ToList();
}
