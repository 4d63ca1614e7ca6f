using Akka.Actor;
using Akka.Event;

namespace Pipeline.Actors.Training;

/// <summary>
/// Supervises one training run: the evaluator is restarted when it crashes (training goes on, the trainer is told
/// what was lost); the trainer reports its own failures, which end the run. Completes <c>completion</c>.
/// </summary>
public sealed class TrainingRunActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _trainer = ActorRefs.Nobody;

    public TrainingRunActor(TrainingJob job, TaskCompletionSource<TrainingOutcome> completion, Props? evaluatorProps = null)
    {
        var evaluator = Context.ActorOf(evaluatorProps ?? EvaluatorActor.Props(job.Validation), "evaluator");
        _trainer = Context.ActorOf(TrainerActor.Props(job, evaluator), "trainer");

        Receive<TrainingFinished>(m =>
        {
            completion.TrySetResult(m.Outcome);
            Context.Stop(Self);
        });
        Receive<TrainingFailed>(m =>
        {
            completion.TrySetException(m.Cause);
            Context.Stop(Self);
        });
        Receive<EvaluatorRestarted>(m => _trainer.Forward(m));
        Receive<StopTraining>(m => _trainer.Forward(m));
    }

    /// <param name="evaluatorProps">Who evaluates snapshots; by default an evaluator on this node.</param>
    public static Props Props(TrainingJob job, TaskCompletionSource<TrainingOutcome> completion, Props? evaluatorProps = null) =>
        Akka.Actor.Props.Create(() => new TrainingRunActor(job, completion, evaluatorProps));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(localOnlyDecider: failure =>
        {
            _log.Warning("evaluator crashed ({0}: {1}); restarting it, training goes on", failure.GetType().Name, failure.Message);
            return Directive.Restart;
        }, loggingEnabled: false);
}
