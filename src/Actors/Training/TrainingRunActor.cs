using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Supervision;

namespace Pipeline.Actors.Training;

/// <summary>
/// Supervises one training run. The evaluator is restarted when it crashes (training goes on, the trainer is told
/// what was lost); the trainer's state cannot survive a restart, so its failure stops it and fails the run.
/// Completes <c>completion</c> either way.
/// </summary>
public sealed class TrainingRunActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TaskCompletionSource<TrainingOutcome> _completion;
    private readonly IActorRef _trainer;

    public TrainingRunActor(TrainingJob job, TaskCompletionSource<TrainingOutcome> completion, Props? evaluatorProps = null)
    {
        _completion = completion;
        var evaluator = Context.ActorOf(evaluatorProps ?? EvaluatorActor.Props(job.Validation), "evaluator");
        _trainer = Context.ActorOf(TrainerActor.Props(job, evaluator), "trainer");

        Receive<TrainingFinished>(m =>
        {
            completion.TrySetResult(m.Outcome);
            Context.Stop(Self);
        });
        Receive<EvaluatorRestarted>(m => _trainer.Forward(m));
        Receive<StopTraining>(m => _trainer.Forward(m));
    }

    /// <param name="evaluatorProps">Who evaluates snapshots; by default an evaluator on this node.</param>
    public static Props Props(TrainingJob job, TaskCompletionSource<TrainingOutcome> completion, Props? evaluatorProps = null) =>
        Akka.Actor.Props.Create(() => new TrainingRunActor(job, completion, evaluatorProps));

    protected override SupervisorStrategy SupervisorStrategy() => new PerChildStrategy((child, failure) =>
    {
        if (child.Equals(_trainer))
        {
            // A failure while the trainer starts (a checkpoint that does not fit, say) arrives wrapped.
            var cause = failure is ActorInitializationException { InnerException: { } inner } ? inner : failure;
            _log.Error(cause, "training failed: {0}", cause.Message);
            _completion.TrySetException(cause);
            Context.Stop(Self);
            return Directive.Stop;
        }
        _log.Warning("evaluator crashed ({0}: {1}); restarting it, training goes on", failure.GetType().Name, failure.Message);
        return Directive.Restart;
    });
}
