using System.Collections.Immutable;
using System.Text;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>
/// The bytes of the large messages, <see cref="JobOffer"/> and <see cref="ItemResult"/>, which travel in
/// <see cref="Parcel"/>s. Samples go as int16; a window's samples as the batch will read them (after the augmentation).
/// </summary>
public static class WireCodec
{
    private enum Kind : byte { Offer = 1, Result = 2 }
    private enum Spec : byte { Scoring = 1, Extraction = 2, TrainingWindows = 3 }
    private enum Result : byte { Scored = 1, NotScored = 2, Decoded = 3, Failed = 4, Windows = 5 }

    public static byte[] Encode(IWireMessage message)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            switch (message)
            {
                case JobOffer offer:
                    writer.Write((byte)Kind.Offer);
                    writer.Write(offer.Job);
                    WriteSpec(writer, offer.Spec);
                    break;
                case ItemResult result:
                    writer.Write((byte)Kind.Result);
                    writer.Write(result.Job);
                    writer.Write(result.Item);
                    WriteResult(writer, result.Result);
                    break;
                default:
                    throw new ArgumentException($"{message.GetType().Name} does not travel in parcels", nameof(message));
            }
        }
        return stream.ToArray();
    }

    public static IWireMessage Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return (Kind)reader.ReadByte() switch
        {
            Kind.Offer => new JobOffer(reader.ReadInt64(), ReadSpec(reader)),
            Kind.Result => new ItemResult(reader.ReadInt64(), reader.ReadInt64(), ReadResult(reader)),
            var kind => throw new System.Runtime.Serialization.SerializationException($"unknown parcel content {kind}"),
        };
    }

    private static void WriteSpec(BinaryWriter writer, JobSpec spec)
    {
        switch (spec)
        {
            case ScoringJob s:
                writer.Write((byte)Spec.Scoring);
                writer.Write(s.Name);
                writer.Write(s.Windows.SampleRate);
                writer.Write(s.Windows.WindowSamples);
                writer.Write(s.Windows.HopSamples);
                writer.Write(s.BatchSize);
                writer.WriteJson(s.Model);
                writer.WriteStrings(s.Tags);
                writer.WriteBytes(s.Weights);
                writer.Write((int)s.Precision);
                writer.Write((int)s.Options.Pooling);
                writer.Write(s.Options.KeepTimeline);
                writer.Write(s.Options.KeepWindowEmbeddings);
                writer.WriteOptionalString(s.Layer);
                break;
            case ExtractionJob e:
                writer.Write((byte)Spec.Extraction);
                writer.Write(e.SampleRate);
                break;
            case TrainingWindowsJob t:
                writer.Write((byte)Spec.TrainingWindows);
                writer.Write(t.SampleRate);
                writer.Write(t.WindowSamples);
                writer.Write((int)t.Windows);
                writer.Write(t.Augmentation.Polarity);
                writer.Write(t.Augmentation.JitterWindows);
                writer.Write(t.Seed);
                writer.Write(t.Epoch);
                break;
            default:
                throw new ArgumentException($"cannot write {spec.GetType().Name}", nameof(spec));
        }
        writer.Write(spec.Shaping.Count);
        foreach (var (key, value) in spec.Shaping)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static JobSpec ReadSpec(BinaryReader reader)
    {
        JobSpec spec = (Spec)reader.ReadByte() switch
        {
            Spec.Scoring => new ScoringJob(reader.ReadString(), new WindowShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()),
                reader.ReadInt32(), reader.ReadJson<ModelSettings>(), [.. reader.ReadStrings()], reader.ReadBytes(), (Precision)reader.ReadInt32(),
                new RegroupOptions((ScorePooling)reader.ReadInt32(), reader.ReadBoolean(), reader.ReadBoolean()), reader.ReadOptionalString()),
            Spec.Extraction => new ExtractionJob(reader.ReadInt32()),
            Spec.TrainingWindows => new TrainingWindowsJob(reader.ReadInt32(), reader.ReadInt32(), (TrainingWindows)reader.ReadInt32(),
                new Augmentation(reader.ReadBoolean(), reader.ReadBoolean()), reader.ReadInt32(), reader.ReadInt32()),
            var kind => throw new System.Runtime.Serialization.SerializationException($"unknown job kind {kind}"),
        };
        var shaping = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--)
            shaping.Add(reader.ReadString(), reader.ReadString());
        return spec with { Shaping = shaping.ToImmutable() };
    }

    private static void WriteResult(BinaryWriter writer, JobResult result)
    {
        switch (result)
        {
            case ScoredResult { Outcome: ClipScored s }:
                writer.Write((byte)Result.Scored);
                writer.WriteClip(s.Clip);
                writer.Write(s.Seconds);
                writer.Write(s.Windows);
                writer.WriteFloats(s.Scores);
                writer.WriteOptionalFloats(s.Timeline);
                writer.WriteOptionalFloats(s.Embedding);
                writer.WriteOptionalFloats(s.WindowEmbeddings);
                writer.WriteStrings([.. s.Warnings]);
                break;
            case ScoredResult { Outcome: ClipNotScored n }:
                writer.Write((byte)Result.NotScored);
                writer.WriteClip(n.Clip);
                writer.WriteFailure(n.Failure);
                writer.Write(n.Reason);
                break;
            case AudioResult { Audio: ClipDecoded d }:
                writer.Write((byte)Result.Decoded);
                writer.WriteClip(d.Clip);
                writer.Write(d.SampleRate);
                var samples = new float[d.Samples.Length];
                d.Samples.CopyTo(0, samples);
                writer.WriteSamples(samples);
                writer.WriteStrings([.. d.Warnings]);
                break;
            case AudioResult { Audio: ClipFailed } or WindowsResult { Events: [ClipFailed] }:
                var failed = (ClipFailed)JobResults.Events(result).Single();
                writer.Write((byte)Result.Failed);
                writer.Write(result is WindowsResult);
                writer.WriteClip(failed.Clip);
                writer.WriteFailure(failed.Failure);
                writer.Write(failed.Reason);
                break;
            case WindowsResult w:
                WireWindows.Write(writer, w, (byte)Result.Windows);
                break;
            default:
                throw new ArgumentException($"cannot write {result}", nameof(result));
        }
    }

    private static JobResult ReadResult(BinaryReader reader) => (Result)reader.ReadByte() switch
    {
        Result.Scored => new ScoredResult(new ClipScored(reader.ReadClip(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadFloats(),
            reader.ReadOptionalFloats(), reader.ReadOptionalFloats(), reader.ReadOptionalFloats(), reader.ReadStrings())),
        Result.NotScored => NotScored(reader),
        Result.Decoded => Decoded(reader),
        Result.Failed => Failed(reader),
        Result.Windows => WireWindows.Read(reader),
        var kind => throw new System.Runtime.Serialization.SerializationException($"unknown result kind {kind}"),
    };

    private static JobResult NotScored(BinaryReader reader)
    {
        var clip = reader.ReadClip();
        var failure = reader.ReadFailure();
        return new ScoredResult(new ClipNotScored(clip, reader.ReadString()) { Failure = failure });
    }

    private static JobResult Decoded(BinaryReader reader)
    {
        var clip = reader.ReadClip();
        var rate = reader.ReadInt32();
        var samples = reader.ReadSamples();
        return new AudioResult(new ClipDecoded(clip, new ArraySamples(samples), rate) { Warnings = reader.ReadStrings() });
    }

    private static JobResult Failed(BinaryReader reader)
    {
        var windows = reader.ReadBoolean();
        var failed = new ClipFailed(reader.ReadClip(), reader.ReadFailure(), reader.ReadString());
        return windows ? new WindowsResult(failed.Clip, [failed]) : new AudioResult(failed);
    }
}
