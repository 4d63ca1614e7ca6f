using Pipeline.Streams.Audio;

namespace Pipeline.Tests.Audio;

public sealed class SampleConversionTests
{
    private static short Reference(float sample) => (short)Math.Clamp(MathF.Round(sample * 32767f), short.MinValue, short.MaxValue);

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1_000)]
    [InlineData(641_655)]
    public void Float_to_int16_rounds_to_nearest_and_clips_like_the_scalar_definition(int length)
    {
        var random = new Random(length);
        var source = Enumerable.Range(0, length).Select(i => i % 7 switch
        {
            0 => (float)(random.NextDouble() * 4 - 2),      // far outside [-1, 1]: clipped
            1 => (random.Next(-32767, 32768) + 0.5f) / 32767f, // exactly between two values
            _ => (float)(random.NextDouble() * 2 - 1),
        }).ToArray();
        var converted = new short[length];

        SampleConversion.ToInt16(source, converted);

        Assert.Equal(source.Select(Reference), converted);
    }

    [Fact]
    public void Int16_to_float_scales_by_one_over_32768()
    {
        var source = Enumerable.Range(short.MinValue, 65_536).Select(v => (short)v).ToArray();
        var converted = new float[source.Length];

        SampleConversion.ToFloat(source, converted);

        Assert.Equal(source.Select(s => s / 32768f), converted);
    }
}
