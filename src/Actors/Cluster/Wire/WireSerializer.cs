using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>
/// Binary serialization of the messages that cross nodes (registered in hocon/akka.conf), each behind the wire
/// format's version: a node of another version is told which, instead of misreading bytes. Large messages travel as
/// <see cref="Parcel"/>s of bytes <see cref="WireCodec"/> wrote.
/// </summary>
public sealed class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Raised whenever any message's layout changes.</summary>
    public const byte FormatVersion = 2;

    public override int Identifier => 4_207;

    public override string Manifest(object o) => o switch
    {
        Parcel => "parcel",
        WorkRequest => "work-request",
        WorkGrant => "work-grant",
        JobAccepted => "job-accepted",
        JobRefused => "job-refused",
        JobEnded => "job-ended",
        _ => throw new ArgumentException($"cannot serialize {o.GetType()} (large messages travel as parcels)", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            switch (obj)
            {
                case Parcel p:
                    writer.Write(p.Transfer);
                    writer.Write(p.Index);
                    writer.Write(p.Count);
                    writer.WriteBytes(p.Bytes);
                    break;
                case WorkRequest r:
                    writer.Write(r.Job);
                    writer.Write(r.StillHeld.Length);
                    foreach (var item in r.StillHeld)
                        writer.Write(item);
                    writer.Write(r.Capacity);
                    break;
                case WorkGrant g:
                    writer.Write(g.Job);
                    writer.Write(g.Items.Length);
                    foreach (var clip in g.Items)
                        writer.WriteClip(clip);
                    break;
                case JobAccepted a:
                    writer.Write(a.Job);
                    break;
                case JobRefused r:
                    writer.Write(r.Job);
                    writer.Write(r.Reason);
                    break;
                case JobEnded e:
                    writer.Write(e.Job);
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
        var version = reader.ReadByte();
        if (version != FormatVersion)
            throw new SerializationException($"a message in wire format {version} reached a node of format {FormatVersion}: run the same version of the program on every node");
        return manifest switch
        {
            "parcel" => new Parcel(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBytes()),
            "work-request" => new WorkRequest(reader.ReadInt64(), [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt64())], reader.ReadInt32()),
            "work-grant" => new WorkGrant(reader.ReadInt64(), [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadClip())]),
            "job-accepted" => new JobAccepted(reader.ReadInt64()),
            "job-refused" => new JobRefused(reader.ReadInt64(), reader.ReadString()),
            "job-ended" => new JobEnded(reader.ReadInt64()),
            _ => throw new SerializationException($"unknown manifest {manifest}"),
        };
    }
}
