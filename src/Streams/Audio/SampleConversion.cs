using System.Numerics;
using System.Runtime.InteropServices;

namespace Pipeline.Streams.Audio;

/// <summary>float32 [-1, 1] &lt;-&gt; int16 PCM, vectorised: the cache stores int16 and the provider reads millions of samples a second.</summary>
public static class SampleConversion
{
    private const float ToInt16Scale = 32767f;
    private const float ToFloatScale = 1f / 32768f;

    public static void ToInt16(ReadOnlySpan<float> source, Span<short> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        var i = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated && source.Length >= 2 * width)
        {
            var scale = new Vector<float>(ToInt16Scale);
            var low = new Vector<float>(short.MinValue);
            var high = new Vector<float>(short.MaxValue);
            var floats = MemoryMarshal.Cast<float, Vector<float>>(source);
            var shorts = MemoryMarshal.Cast<short, Vector<short>>(destination);
            for (var v = 0; v + 1 < floats.Length && v / 2 < shorts.Length; v += 2)
            {
                // Clamped before narrowing: Vector.Narrow keeps the low bits, it does not saturate.
                var first = Vector.ConvertToInt32(Vector.Min(Vector.Max(Vector.Round(floats[v] * scale), low), high));
                var second = Vector.ConvertToInt32(Vector.Min(Vector.Max(Vector.Round(floats[v + 1] * scale), low), high));
                shorts[v / 2] = Vector.Narrow(first, second);
            }
            i = floats.Length / 2 * 2 * width;
        }
        for (; i < source.Length; i++)
            destination[i] = (short)Math.Clamp(MathF.Round(source[i] * ToInt16Scale), short.MinValue, short.MaxValue);
    }

    public static void ToFloat(ReadOnlySpan<short> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<short>.Count)
        {
            var scale = new Vector<float>(ToFloatScale);
            var shorts = MemoryMarshal.Cast<short, Vector<short>>(source);
            var floats = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (var v = 0; v < shorts.Length; v++)
            {
                Vector.Widen(shorts[v], out var low, out var high);
                floats[2 * v] = Vector.ConvertToSingle(low) * scale;
                floats[2 * v + 1] = Vector.ConvertToSingle(high) * scale;
            }
            i = shorts.Length * Vector<short>.Count;
        }
        for (; i < source.Length; i++)
            destination[i] = source[i] * ToFloatScale;
    }
}
