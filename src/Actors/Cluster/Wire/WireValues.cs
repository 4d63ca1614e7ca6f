using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>
/// The wire's values, written the same way by every message: clips, samples as int16 (the cache's form: half of
/// float32's bytes), floats and bytes raw little-endian, records of settings as JSON.
/// </summary>
internal static class WireValues
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteClip(this BinaryWriter writer, ClipRef clip)
    {
        writer.Write(clip.Index);
        writer.Write(clip.Id);
        writer.Write(clip.AudioPath);
        writer.WriteFloats(clip.Labels.AsSpan());
        writer.Write(clip.StatedLength is not null);
        if (clip.StatedLength is { } stated)
        {
            writer.Write(stated.Seconds);
            writer.Write(stated.Source);
        }
    }

    public static ClipRef ReadClip(this BinaryReader reader) =>
        new(reader.ReadInt32(), reader.ReadString(), reader.ReadString(), [.. reader.ReadFloats()],
            reader.ReadBoolean() ? new StatedLength(reader.ReadDouble(), reader.ReadString()) : null);

    public static void WriteFloats(this BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static float[] ReadFloats(this BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static void WriteOptionalFloats(this BinaryWriter writer, float[]? values)
    {
        writer.Write(values is not null);
        if (values is not null)
            writer.WriteFloats(values);
    }

    public static float[]? ReadOptionalFloats(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadFloats() : null;

    /// <summary>Samples in [-1, 1] as int16, as the audio cache holds them.</summary>
    public static void WriteSamples(this BinaryWriter writer, ReadOnlySpan<float> samples)
    {
        var int16 = new short[samples.Length];
        SampleConversion.ToInt16(samples, int16);
        writer.Write(int16.Length);
        writer.Write(MemoryMarshal.AsBytes(int16.AsSpan()));
    }

    public static float[] ReadSamples(this BinaryReader reader)
    {
        var int16 = new short[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(int16.AsSpan()));
        var samples = new float[int16.Length];
        SampleConversion.ToFloat(int16, samples);
        return samples;
    }

    public static void WriteBytes(this BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(this BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());

    public static void WriteStrings(this BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
            writer.Write(value);
    }

    public static string[] ReadStrings(this BinaryReader reader) => [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString())];

    public static void WriteOptionalString(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }

    public static string? ReadOptionalString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static void WriteJson<T>(this BinaryWriter writer, T value) => writer.Write(JsonSerializer.Serialize(value, Json));

    public static T ReadJson<T>(this BinaryReader reader) => JsonSerializer.Deserialize<T>(reader.ReadString(), Json)!;

    public static void WriteFailure(this BinaryWriter writer, AudioReadFailure? failure) => writer.Write(failure is { } f ? (int)f : -1);

    public static AudioReadFailure? ReadFailure(this BinaryReader reader) => reader.ReadInt32() is >= 0 and var f ? (AudioReadFailure)f : null;
}
