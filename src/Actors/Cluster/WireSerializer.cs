using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Pipeline.Model.Metrics;
using Pipeline.Model.Models;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Binary serialization of the messages that cross nodes. The default JSON serializer would write every float of a
/// clip's windows as text; here samples and weights travel as raw little-endian bytes. Registered in hocon/akka.conf.
/// </summary>
public sealed class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string OpenPartitionManifest = "open-partition";
    private const string ClipWindowsManifest = "clip-windows";
    private const string EvaluateManifest = "evaluate";
    private const string EvaluatedManifest = "evaluated";

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public override int Identifier => 4_207;

    public override string Manifest(object o) => o switch
    {
        OpenPartition => OpenPartitionManifest,
        ClipWindows => ClipWindowsManifest,
        EvaluateRemotely => EvaluateManifest,
        RemoteEvaluationCompleted => EvaluatedManifest,
        _ => throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            switch (obj)
            {
                case OpenPartition m:
                    writer.Write(m.Epoch);
                    writer.Write(m.Seed);
                    writer.Write(m.SampleRate);
                    writer.Write(m.WindowSamples);
                    writer.Write((int)m.Windows);
                    writer.Write(m.Clips.Length);
                    foreach (var clip in m.Clips)
                        WriteClip(writer, clip);
                    break;
                case ClipWindows m:
                    WriteClip(writer, m.Clip);
                    writer.Write(m.WindowLength);
                    WriteFloats(writer, m.Samples);
                    break;
                case EvaluateRemotely m:
                    writer.Write(m.Version);
                    writer.Write(m.Epoch);
                    writer.Write(m.Step);
                    writer.Write(JsonSerializer.Serialize(m.Model, Json));
                    writer.Write(m.WindowSamples);
                    writer.Write(m.Tags.Length);
                    foreach (var tag in m.Tags)
                        writer.Write(tag);
                    writer.Write(m.Weights.Length);
                    writer.Write(m.Weights);
                    break;
                case RemoteEvaluationCompleted m:
                    writer.Write(m.Version);
                    writer.Write(JsonSerializer.Serialize(m.Report, Json));
                    writer.Write(m.Seconds);
                    break;
                default:
                    throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj));
            }
        }
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return manifest switch
        {
            OpenPartitionManifest => new OpenPartition(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), (TrainingWindows)reader.ReadInt32(),
                [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => ReadClip(reader))]),
            ClipWindowsManifest => new ClipWindows(ReadClip(reader), reader.ReadInt32(), ReadFloats(reader)),
            EvaluateManifest => new EvaluateRemotely(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64(),
                JsonSerializer.Deserialize<ModelSettings>(reader.ReadString(), Json)!, reader.ReadInt32(),
                [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString())],
                reader.ReadBytes(reader.ReadInt32())),
            EvaluatedManifest => new RemoteEvaluationCompleted(reader.ReadInt64(),
                JsonSerializer.Deserialize<TaggingReport>(reader.ReadString(), Json)!, reader.ReadDouble()),
            _ => throw new System.Runtime.Serialization.SerializationException($"unknown manifest {manifest}"),
        };
    }

    private static void WriteClip(BinaryWriter writer, ClipRef clip)
    {
        writer.Write(clip.Index);
        writer.Write(clip.Id);
        writer.Write(clip.AudioPath);
        WriteFloats(writer, clip.Labels.AsSpan());
        writer.Write(clip.StatedLength is not null);
        if (clip.StatedLength is { } stated)
        {
            writer.Write(stated.Seconds);
            writer.Write(stated.Source);
        }
    }

    private static ClipRef ReadClip(BinaryReader reader) =>
        new(reader.ReadInt32(), reader.ReadString(), reader.ReadString(), [.. ReadFloats(reader)],
            reader.ReadBoolean() ? new StatedLength(reader.ReadDouble(), reader.ReadString()) : null);

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
