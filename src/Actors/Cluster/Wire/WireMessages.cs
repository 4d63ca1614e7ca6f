using System.Collections.Immutable;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>Messages that cross nodes; <see cref="WireSerializer"/> writes them in a compact, versioned binary form.</summary>
public interface IWireMessage;

/// <summary>Coordinator -> worker: a job to serve (sent in parcels: it may carry a model's weights).</summary>
public sealed record JobOffer(long Job, JobSpec Spec) : IWireMessage;

/// <summary>Worker -> coordinator: the job is taken; requests for its work follow.</summary>
public sealed record JobAccepted(long Job) : IWireMessage;

/// <summary>Worker -> coordinator: this worker cannot serve the job, and why (one line, e.g. a setting that differs).</summary>
public sealed record JobRefused(long Job, string Reason) : IWireMessage;

/// <summary>
/// Worker -> coordinator: the items it still works on, and how many more it can take. Sent when it has room, and
/// again every few seconds while it waits, so a grant lost on the way is asked for again.
/// </summary>
public sealed record WorkRequest(long Job, ImmutableArray<long> StillHeld, int Capacity) : IWireMessage;

/// <summary>Coordinator -> worker: items (clips) to work on.</summary>
public sealed record WorkGrant(long Job, ImmutableArray<ClipRef> Items) : IWireMessage;

/// <summary>Worker -> coordinator: an item's result (sent in parcels: a clip's samples may be of any length).</summary>
public sealed record ItemResult(long Job, long Item, JobResult Result) : IWireMessage;

/// <summary>Coordinator -> worker: the job is over (done, or its coordinator stopped it); drop what is left of it.</summary>
public sealed record JobEnded(long Job) : IWireMessage;

/// <summary>
/// One piece of a large message (<see cref="JobOffer"/>, <see cref="ItemResult"/>) as its bytes, so that no message
/// exceeds the transport's frame, whatever a clip's length or a model's size.
/// </summary>
public sealed record Parcel(long Transfer, int Index, int Count, byte[] Bytes) : IWireMessage;
