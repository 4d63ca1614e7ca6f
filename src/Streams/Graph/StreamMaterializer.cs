using Akka.Actor;
using Akka.Streams;

namespace Pipeline.Streams.Graph;

/// <summary>
/// The materializer every graph of the pipeline runs on, set up in one place: asynchronous boundaries buffer
/// <c>streamBuffer</c> elements (pipeline.provider.stream-buffer). Akka's default is 16, and boundaries take their
/// size from the materializer, not from stage attributes.
/// </summary>
public static class StreamMaterializer
{
    public static IMaterializer Create(ActorSystem system, int streamBuffer) =>
        system.Materializer(Settings(system, streamBuffer));

    /// <summary>A materializer whose streams stop with <paramref name="context"/>'s actor.</summary>
    public static IMaterializer Create(IActorContext context, int streamBuffer) =>
        context.Materializer(Settings(context.System, streamBuffer));

    private static ActorMaterializerSettings Settings(ActorSystem system, int streamBuffer) =>
        ActorMaterializerSettings.Create(system).WithInputBuffer(streamBuffer, streamBuffer);
}
