using Pipeline.Streams.Audio;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Audio;

public sealed class ResamplerTests
{
    private readonly Resampler _resampler = new(22_050, ResampleQuality.High);

    [Theory]
    [InlineData(16_000)]
    [InlineData(44_100)]
    public void A_1khz_sine_keeps_its_frequency(int inputRate)
    {
        var input = Signal.Sine(1_000, inputRate, inputRate * 2);

        var output = _resampler.Resample(input, inputRate);

        var middle = output.AsSpan(2_205, 22_050);
        Assert.InRange(Signal.DominantFrequency(middle, 22_050, 900, 1_100, 0.5), 999.5, 1_000.5);
        Assert.InRange(Signal.Amplitude(middle, 22_050, 1_000), 0.49, 0.51);
    }

    [Theory]
    [InlineData(16_000, 465_600)]
    [InlineData(44_100, 1_283_310)]
    [InlineData(48_000, 100_003)]
    [InlineData(8_000, 12_345)]
    public void Output_length_is_the_rounded_rate_ratio_within_one_sample(int inputRate, int inputLength)
    {
        var input = Signal.Sine(300, inputRate, inputLength);

        var output = _resampler.Resample(input, inputRate);

        var expected = Math.Round((double)inputLength * 22_050 / inputRate);
        Assert.InRange(output.Length, expected - 1, expected + 1);
    }

    [Fact]
    public void Content_above_the_new_nyquist_frequency_is_removed_not_folded_back()
    {
        // 15 kHz is above 22,050 / 2; folding would put it at 22,050 - 15,000 = 7,050 Hz.
        var input = Signal.Sine(15_000, 44_100, 44_100);

        var output = _resampler.Resample(input, 44_100);

        var middle = output.AsSpan(2_205, 17_640);
        Assert.True(Signal.Rms(middle) < 0.001, $"RMS {Signal.Rms(middle)} left after resampling");
        Assert.True(Signal.Amplitude(middle, 22_050, 7_050) < 0.001);
    }

    [Fact]
    public void A_stream_of_chunks_gives_the_same_samples_as_the_whole_array()
    {
        var input = Signal.Sine(440, 16_000, 48_000);
        var whole = _resampler.Resample(input, 16_000);

        using var stream = new StreamingResampler(16_000, 22_050, ResampleQuality.High);
        var chunked = new List<float>();
        var random = new Random(3);
        var buffer = new float[stream.MaxOutputFor(8_192)];
        for (var offset = 0; offset < input.Length;)
        {
            var length = Math.Min(random.Next(1, 8_192), input.Length - offset);
            var written = stream.Process(input.AsSpan(offset, length), buffer);
            chunked.AddRange(buffer.AsSpan(0, written));
            offset += length;
        }
        int flushed;
        while ((flushed = stream.Flush(buffer)) > 0)
            chunked.AddRange(buffer.AsSpan(0, flushed));

        Assert.Equal(whole.Length, chunked.Count);
        for (var i = 0; i < whole.Length; i++)
            Assert.Equal(whole[i], chunked[i], 1e-5f);
    }

    [Fact]
    public void The_same_rate_is_returned_unchanged()
    {
        var input = Signal.Sine(440, 22_050, 1_000);

        Assert.Equal(input, _resampler.Resample(input, 22_050));
    }
}
