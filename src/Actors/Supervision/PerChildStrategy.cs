using Akka.Actor;

namespace Pipeline.Actors.Supervision;

/// <summary>
/// A one-for-one strategy that decides by which child failed, not only by the exception: a parent with children of
/// different kinds (a trainer whose state cannot survive a restart, an evaluator that can simply be restarted)
/// supervises both, instead of one of them catching its own failures.
/// </summary>
public sealed class PerChildStrategy(Func<IActorRef, Exception, Directive> decide)
    : OneForOneStrategy(-1, -1, _ => Directive.Restart, loggingEnabled: false)
{
    protected override Directive Handle(IActorRef child, Exception exception) => decide(child, exception);
}
