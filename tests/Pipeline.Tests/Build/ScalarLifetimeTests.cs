using System.Reflection;
using Pipeline.Tests.Support;
using TorchSharp;

namespace Pipeline.Tests.Build;

/// <summary>
/// A TorchSharp <see cref="Scalar"/> made from a number on the way into a call (its implicit conversion) is garbage
/// as soon as its native handle is read: the GC may finalize it, freeing the native scalar, while libtorch still reads
/// it. A training step under load failed that way ("toFloat: Expected false to be true"). Our code holds every scalar
/// it passes (<c>using var s = x.ToScalar()</c>), and calls no TorchSharp method that converts one itself.
/// </summary>
public sealed class ScalarLifetimeTests
{
    // pipeline is src/Host, named for the command it builds.
    private static readonly string[] OurAssemblies =
        ["Pipeline.Shared", "Pipeline.Streams", "Pipeline.Model", "Pipeline.Actors", "pipeline", "Pipeline.Synth"];

    private static bool MakesUnheldScalar(MethodBase method) =>
        method.DeclaringType == typeof(Scalar) && method.Name == "op_Implicit";

    private static bool IsTorchSharp(MethodBase method) => method.DeclaringType?.Assembly == typeof(Scalar).Assembly;

    /// <summary>Where <paramref name="type"/>'s code makes a scalar nothing holds, directly or in a TorchSharp method it calls.</summary>
    public static IEnumerable<string> UnheldScalars(Type type) =>
        from body in IlCalls.Bodies(type)
        from callee in IlCalls.Callees(body).Distinct()
        where MakesUnheldScalar(callee) || IsTorchSharp(callee) && IlCalls.Callees(callee).Any(MakesUnheldScalar)
        select $"{body.DeclaringType!.FullName}.{body.Name} calls {callee.DeclaringType!.Name}.{callee}";

    [Fact]
    public void No_code_of_ours_hands_libtorch_a_scalar_that_nothing_holds()
    {
        var types = OurAssemblies.SelectMany(name => Assembly.Load(name).GetTypes()).Where(t => !t.IsNested);
        var found = types.SelectMany(UnheldScalars).Distinct().Order().ToList();
        Assert.True(found.Count == 0, $"{found.Count} calls:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void The_check_finds_the_unheld_scalars_in_TorchSharps_own_Adam_and_SGD()
    {
        Assert.NotEmpty(UnheldScalars(typeof(TorchSharp.Modules.Adam)));
        Assert.NotEmpty(UnheldScalars(typeof(TorchSharp.Modules.SGD)));
    }

    [Fact]
    public void Our_optimisers_step_with_held_scalars_only()
    {
        Assert.Empty(UnheldScalars(typeof(global::Pipeline.Model.Training.SafeOptimisers.Adam)));
        Assert.Empty(UnheldScalars(typeof(global::Pipeline.Model.Training.SafeOptimisers.SGD)));
    }
}
