using Akka.Actor;
using Pipeline.Model.Training;

namespace Pipeline.Actors.Training;

/// <summary>
/// One evaluation outside training (the evaluate command): runs an evaluator on one snapshot and completes
/// <c>completion</c> with its result, or with the evaluator's failure (no restart: there is nothing to go on with).
/// </summary>
public sealed class EvaluationRunActor : ReceiveActor
{
    public EvaluationRunActor(EvaluationJob job, WeightSnapshot weights, TaskCompletionSource<EvaluationCompleted> completion)
    {
        var evaluator = Context.ActorOf(EvaluatorActor.Props(job), "evaluator");
        evaluator.Tell(new EvaluateSnapshot(weights, Self));
        Receive<EvaluationCompleted>(result =>
        {
            completion.TrySetResult(result);
            Context.Stop(Self);
        });
        Completion = completion;
    }

    private TaskCompletionSource<EvaluationCompleted> Completion { get; }

    public static Props Props(EvaluationJob job, WeightSnapshot weights, TaskCompletionSource<EvaluationCompleted> completion) =>
        Akka.Actor.Props.Create(() => new EvaluationRunActor(job, weights, completion));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(localOnlyDecider: failure =>
        {
            Completion.TrySetException(failure);
            Context.Stop(Self);
            return Directive.Stop;
        }, loggingEnabled: false);
}
