using Akka.Actor;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>
/// Large messages in pieces: <see cref="Send"/> encodes a <see cref="JobOffer"/> or <see cref="ItemResult"/> and tells
/// it to its target as parcels of at most <see cref="MaxBytes"/>; the receiver's <see cref="ParcelAssembler"/> gives the
/// message back once its last parcel is in. Parcels of one message go from one actor to another, so they arrive in
/// order, or (on a connection cut) not all: such a message is never completed, and the work-pulling ledger asks for
/// its item again.
/// </summary>
public static class Parcels
{
    /// <summary>Well inside the transport's frame (<see cref="ClusterSetup"/>), whatever a clip's length or a model's size.</summary>
    public const int MaxBytes = 512 * 1024;

    private static long _transfers;
    private static long _bytesSent;
    private static long _bytesReceived;

    /// <summary>Bytes this process put on the wire in parcels, as the serializer wrote them (before transport framing).</summary>
    public static long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Bytes of parcels this process received: on a coordinator, what the workers' results cost on the wire.</summary>
    public static long BytesReceived => Interlocked.Read(ref _bytesReceived);

    internal static void Received(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public static void Send(IActorRef target, IWireMessage message, IActorRef sender)
    {
        var bytes = WireCodec.Encode(message);
        var transfer = Interlocked.Increment(ref _transfers);
        var count = Math.Max(1, (bytes.Length + MaxBytes - 1) / MaxBytes);
        for (var index = 0; index < count; index++)
        {
            var start = index * MaxBytes;
            target.Tell(new Parcel(transfer, index, count, bytes[start..Math.Min(bytes.Length, start + MaxBytes)]), sender);
        }
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }
}

/// <summary>Puts parcels back together, per sending actor and transfer; one per receiving actor.</summary>
public sealed class ParcelAssembler
{
    private readonly Dictionary<(ActorPath Sender, long Transfer), List<byte[]>> _partial = [];

    /// <summary>The message, once <paramref name="parcel"/> was its last piece; null while pieces are missing.</summary>
    public IWireMessage? Add(IActorRef sender, Parcel parcel)
    {
        Parcels.Received(parcel.Bytes.Length);
        if (parcel.Count == 1)
            return WireCodec.Decode(parcel.Bytes);
        var key = (sender.Path, parcel.Transfer);
        if (!_partial.TryGetValue(key, out var pieces))
            _partial[key] = pieces = [];
        if (parcel.Index != pieces.Count)
        {
            // A piece went missing (the connection was cut): this message cannot be completed.
            _partial.Remove(key);
            return null;
        }
        pieces.Add(parcel.Bytes);
        if (pieces.Count < parcel.Count)
            return null;
        _partial.Remove(key);
        var whole = new byte[pieces.Sum(p => p.Length)];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.CopyTo(whole, at);
            at += piece.Length;
        }
        return WireCodec.Decode(whole);
    }

    /// <summary>A node is gone: the pieces it sent of messages it will never finish are dropped.</summary>
    public void Forget(Address node)
    {
        foreach (var key in _partial.Keys.Where(k => k.Sender.Address.Equals(node)).ToList())
            _partial.Remove(key);
    }
}
