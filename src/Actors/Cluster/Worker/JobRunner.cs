using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Cluster.Wire;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Cluster.Worker;

/// <summary>
/// Serves one job on a worker: pulls clips from the coordinator, at most <see cref="WorkerContext.ItemsInFlight"/> at a
/// time, runs them through the job's flow (<see cref="JobFlows"/>: the same graph a single process runs) and sends each
/// result back in parcels, asking for more as it finishes. Every request says which clips it still holds, and it asks
/// again every few seconds while it has room, so a grant or a result lost to a cut connection is made good.
/// </summary>
public sealed class JobRunner : ReceiveActor, IWithTimers
{
    private sealed record Finished(JobResult Result);
    private sealed record FlowEnded(Exception? Failure);
    private sealed record Ask;

    private readonly long _job;
    private readonly JobSpec _spec;
    private readonly IActorRef _coordinator;
    private readonly WorkerContext _context;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<long> _held = [];
    private JobFlow? _flow;
    private ISourceQueueWithComplete<ClipRef>? _clips;

    public ITimerScheduler Timers { get; set; } = null!;

    public JobRunner(JobOffer offer, IActorRef coordinator, WorkerContext context)
    {
        (_job, _spec, _coordinator, _context) = (offer.Job, offer.Spec, coordinator, context);
        Receive<WorkGrant>(grant => grant.Job == _job, grant =>
        {
            foreach (var clip in grant.Items)
            {
                if (_held.Add(clip.Index))
                    _clips!.OfferAsync(clip with { AudioPath = _context.PathMap.Apply(clip.AudioPath) });
            }
        });
        Receive<Finished>(finished =>
        {
            Parcels.Send(_coordinator, new ItemResult(_job, finished.Result.Clip.Index, finished.Result), Self);
            _held.Remove(finished.Result.Clip.Index);
            RequestMore();
        });
        Receive<Ask>(_ => RequestMore());
        Receive<FlowEnded>(ended =>
        {
            if (ended.Failure is not null)
            {
                _log.Error(ended.Failure, "{0} failed on this worker: {1}", _spec.Describe(), ended.Failure.Message);
                _coordinator.Tell(new JobRefused(_job, $"failed on the worker: {ended.Failure.Message}"));
            }
            Context.Stop(Self);
        });
    }

    public static Props Props(JobOffer offer, IActorRef coordinator, WorkerContext context) =>
        Akka.Actor.Props.Create(() => new JobRunner(offer, coordinator, context));

    protected override void PreStart()
    {
        _flow = JobFlows.For(_spec, _context, Context);
        var self = Self;
        var (queue, done) = Source.Queue<ClipRef>(_context.ItemsInFlight, OverflowStrategy.Backpressure)
            .Via(_flow.Flow)
            .ToMaterialized(Sink.ForEach<JobResult>(result => self.Tell(new Finished(result))), Keep.Both)
            .Run(StreamMaterializer.Create(Context, _context.Provider.StreamBuffer));
        _clips = queue;
        done.ContinueWith(task => new FlowEnded(task.IsFaulted ? task.Exception!.GetBaseException() : null)).PipeTo(Self);
        _coordinator.Tell(new JobAccepted(_job));
        RequestMore();
        Timers.StartPeriodicTimer("ask", new Ask(), TimeSpan.FromSeconds(2));
    }

    protected override void PostStop()
    {
        _clips?.Complete();
        _flow?.Dispose();
    }

    private void RequestMore()
    {
        var room = _context.ItemsInFlight - _held.Count;
        _coordinator.Tell(new WorkRequest(_job, [.. _held], Math.Max(0, room)));
    }
}
