using System.Diagnostics;
using Akka.Actor;
using Pipeline.Actors.Training;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Actors.Plumbing;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Evaluates weights sent from the trainer on this node's view of the validation split: it rebuilds a snapshot from
/// the bytes and hands it to an ordinary <see cref="EvaluatorActor"/>, then answers the trainer with the metrics.
/// The trainer's proxy sends one evaluation at a time, so one requester is remembered at a time.
/// </summary>
public sealed class WorkerEvaluatorActor : ReceiveActor
{
    private IActorRef? _evaluator;
    private (ModelSettings Model, int Window, string Tags)? _evaluatorShape;
    private IActorRef? _requester;
    private Stopwatch _watch = new();

    public WorkerEvaluatorActor(WorkerJob job)
    {
        Receive<EvaluateRemotely>(request =>
        {
            var shape = (request.Model, request.WindowSamples, string.Join('\n', request.Tags));
            if (_evaluator is null || _evaluatorShape != shape)
            {
                if (_evaluator is not null)
                    Context.Stop(_evaluator);
                _evaluator = Context.ActorOf(EvaluatorActor.Props(new EvaluationJob(request.Model, request.Tags, job.Device, job.Precision,
                    job.Provider.Settings with { WindowSamples = request.WindowSamples }, job.SampleRate, job.ValidationClips, job.Audio,
                    job.EvaluationBatchSize)));
                _evaluatorShape = shape;
            }
            using var model = TorchRuntime.WithoutDisturbingRandomGenerator(() => ModelFactory.Create(request.Model, request.WindowSamples, request.Tags.Length));
            var snapshot = WeightSnapshot.FromBytes(request.Weights, model, request.Version, request.Epoch, request.Step);
            _requester = Sender;
            _watch = Stopwatch.StartNew();
            _evaluator.Tell(new EvaluateSnapshot(snapshot, Self));
        });
        Receive<EvaluationCompleted>(result =>
        {
            var version = result.Snapshot.Version;
            result.Snapshot.Dispose();
            _requester?.Tell(new RemoteEvaluationCompleted(version, result.Report, _watch.Elapsed.TotalSeconds));
        });
    }

    public static Props Props(WorkerJob job) =>
        Akka.Actor.Props.Create(() => new WorkerEvaluatorActor(job)).WithDispatcher(Dispatchers.Torch);
}
