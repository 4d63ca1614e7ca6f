using Pipeline.Shared;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Reliability;

/// <summary>Decoders that crash over and over: restarted every time, the stream completes, the counts add up.</summary>
public sealed class DecoderStormTests : Akka.TestKit.Xunit2.TestKit
{

    public DecoderStormTests() : base(TestAkka.Config) { }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task A_decoder_that_throws_on_every_kth_file_is_restarted_and_the_stream_completes(int k)
    {
        const int clips = 210;
        var decoders = SupervisedDecoders.Start(Sys, 3, TimeSpan.FromSeconds(30), path =>
        {
            var index = int.Parse(Path.GetFileNameWithoutExtension(path));
            // A crash, not a bad file: the decoder itself throws something unexpected.
            return index % k == 0 ? throw new InvalidOperationException($"decoder bug on {index}") : ProviderFixtures.Synthetic(path);
        }, ProviderFixtures.SampleRate);
        // Half the files crash when k = 2: the systematic-failure threshold is set above that, it is not what this tests.
        var provider = new DataProvider(ProviderFixtures.Settings(shuffle: 16, parallelism: 3, failureWindow: 50, maxFailureFraction: 0.8));

        var batches = await provider.TrainingBatches(ProviderFixtures.Clips(clips), decoders, 8, 1, 0)
            .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer));

        var crashed = Enumerable.Range(0, clips).Count(i => i % k == 0);
        var delivered = batches.SelectMany(b => b.Clips).ToList();
        Assert.Equal(Enumerable.Range(0, clips).Where(i => i % k != 0), delivered.Order());
        var stats = await decoders.StatsAsync();
        Assert.Equal(crashed, stats.Restarts);
        Assert.Equal(crashed, stats.Failed);
        Assert.Equal(clips - crashed, stats.Decoded);
    }

    [Fact]
    public async Task When_every_file_fails_the_run_stops_instead_of_yielding_nothing()
    {
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), path => throw new InvalidOperationException("always"), ProviderFixtures.SampleRate);
        var provider = new DataProvider(ProviderFixtures.Settings(failureWindow: 20, maxFailureFraction: 0.5));

        var error = await Assert.ThrowsAsync<SystematicDecodeFailureException>(() =>
            provider.TrainingBatches(ProviderFixtures.Clips(500), decoders, 8, 1, 0)
                .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)));

        Assert.Contains("of the last 20 files failed", error.Message);
        Assert.InRange((await decoders.StatsAsync()).Failed, 11, 40);
    }
}
