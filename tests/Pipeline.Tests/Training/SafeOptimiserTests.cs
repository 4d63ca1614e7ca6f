using SafeAdam = Pipeline.Model.Training.SafeOptimisers.Adam;
using SafeSgd = Pipeline.Model.Training.SafeOptimisers.SGD;
using Pipeline.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>
/// Our optimisers against TorchSharp's: the same arithmetic bit for bit, and the state TorchSharp's wrote (every
/// checkpoint before them) resumes ours. Build/ScalarLifetimeTests says what ours do differently.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class SafeOptimiserTests
{
    public static TheoryData<string> Configurations => ["adam", "adam-decay", "sgd-nesterov-decay", "sgd-momentum", "sgd"];

    private static OptimizerHelper Ours(string configuration, IEnumerable<Parameter> parameters) => configuration switch
    {
        "adam" => new SafeAdam(parameters, 0.01, 0),
        "adam-decay" => new SafeAdam(parameters, 0.01, 1e-4),
        "sgd-nesterov-decay" => new SafeSgd(parameters, 0.01, 0.9, 1e-4, nesterov: true),
        "sgd-momentum" => new SafeSgd(parameters, 0.01, 0.9, 0, nesterov: false),
        _ => new SafeSgd(parameters, 0.01, 0, 0, nesterov: false),
    };

    private static OptimizerHelper TorchSharps(string configuration, IEnumerable<Parameter> parameters) => configuration switch
    {
        "adam" => optim.Adam(parameters, 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8),
        "adam-decay" => optim.Adam(parameters, 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 1e-4),
        "sgd-nesterov-decay" => optim.SGD(parameters, 0.01, 0.9, weight_decay: 1e-4, nesterov: true),
        "sgd-momentum" => optim.SGD(parameters, 0.01, 0.9),
        _ => optim.SGD(parameters, 0.01),
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Each_step_equals_TorchSharps_own_optimiser_bit_for_bit(string configuration)
    {
        using var problem = new OptimiserProblem(seed: 1);
        var (ours, theirs) = (problem.Parameters(), problem.Parameters());
        using var oursOptimiser = Ours(configuration, ours);
        using var theirsOptimiser = TorchSharps(configuration, theirs);
        for (var step = 0; step < OptimiserProblem.Steps; step++)
        {
            var rate = 0.01 * (1 + step % 3); // schedules change the rate between steps
            problem.Step(oursOptimiser, ours, step, rate);
            problem.Step(theirsOptimiser, theirs, step, rate);
            AssertIdentical(ours, theirs, $"step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void A_state_TorchSharps_optimiser_saved_resumes_ours_exactly(string configuration)
    {
        // Checkpoints written before these optimisers hold TorchSharp's state; they must resume as they would have.
        using var problem = new OptimiserProblem(seed: 2);
        var (ours, theirs) = (problem.Parameters(), problem.Parameters());
        using var before = TorchSharps(configuration, theirs);
        for (var step = 0; step < 3; step++)
            problem.Step(before, theirs, step, 0.01);
        using (no_grad())
            foreach (var (mine, source) in ours.Zip(theirs))
                mine.copy_(source);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            before.save_state_dict(writer);

        using var oursOptimiser = Ours(configuration, ours);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream))
            oursOptimiser.load_state_dict(reader);
        for (var step = 3; step < OptimiserProblem.Steps; step++)
        {
            problem.Step(before, theirs, step, 0.01);
            problem.Step(oursOptimiser, ours, step, 0.01);
        }
        AssertIdentical(ours, theirs, "after resuming");
    }

    private static void AssertIdentical(List<Parameter> ours, List<Parameter> theirs, string when) =>
        Assert.All(ours.Zip(theirs), pair => Assert.True(pair.First.allclose(pair.Second, 0, 0), $"{when}: parameters differ"));
}

/// <summary>Parameters of a few shapes and a fixed gradient per step (six steps), the same for every optimiser it feeds.</summary>
internal sealed class OptimiserProblem : IDisposable
{
    public const int Steps = 6;
    private readonly List<Tensor> _initial = [];
    private readonly List<Tensor> _gradients = [];
    private readonly List<Parameter> _made = [];

    public OptimiserProblem(int seed, ScalarType dtype = ScalarType.Float32)
    {
        using var generator = new Generator((ulong)seed);
        foreach (long[] shape in new long[][] { [8, 3], [8], [5, 8, 3], [2] })
        {
            _initial.Add(randn(shape, dtype, generator: generator));
            _gradients.Add(randn([Steps, .. shape], dtype, generator: generator));
        }
    }

    /// <summary>param.i and grad.i ([steps, ...shape]), as Parity/optimiser_steps.py reads them.</summary>
    public Dictionary<string, Tensor> AsStateDict() =>
        _initial.Select((t, i) => ($"param.{i}", t)).Concat(_gradients.Select((t, i) => ($"grad.{i}", t)))
            .ToDictionary(e => e.Item1, e => e.Item2);

    public List<Parameter> Parameters()
    {
        var parameters = _initial.Select(t => new Parameter(t.clone())).ToList();
        _made.AddRange(parameters);
        return parameters;
    }

    /// <summary>One step with <paramref name="rate"/>: the loss Σ p·g has exactly g as its gradient.</summary>
    public void Step(OptimizerHelper optimiser, IReadOnlyList<Parameter> parameters, int step, double rate)
    {
        foreach (var group in optimiser.ParamGroups)
            group.LearningRate = rate;
        optimiser.zero_grad();
        using (var scope = NewDisposeScope())
        {
            var loss = parameters.Select((p, i) => (p * _gradients[i][step % Steps]).sum()).Aggregate((a, b) => a + b);
            loss.backward();
        }
        optimiser.step();
    }

    public void Dispose()
    {
        foreach (var tensor in _initial.Concat(_gradients).Concat(_made))
            tensor.Dispose();
    }
}
