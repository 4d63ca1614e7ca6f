using System.Text.Json;
using Pipeline.Model.Interop;
using Pipeline.Tests.Support;
using Pipeline.Tests.Training;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;
using SafeAdam = Pipeline.Model.Training.SafeOptimisers.Adam;
using SafeSgd = Pipeline.Model.Training.SafeOptimisers.SGD;

namespace Pipeline.Tests.Parity;

/// <summary>
/// Our optimisers against torch.optim (PyTorch 1.13, Parity/optimiser_steps.py): six steps in float64 over the same
/// gradients, the learning rate changing between steps as schedules change it, end on the same parameters.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class OptimiserParityTests(ITestOutputHelper output)
{
    private static readonly double[] Rates = [0.01, 0.02, 0.03, 0.01, 0.005, 0.02];

    [Theory]
    [InlineData("adam", 0.0, false, 0.0)]
    [InlineData("adam", 0.0, false, 1e-4)]
    [InlineData("sgd", 0.9, true, 1e-4)]
    [InlineData("sgd", 0.9, false, 0.0)]
    public void Six_steps_end_where_torch_optim_ends(string optimiser, double momentum, bool nesterov, double weightDecay)
    {
        using var dir = new TempDirectory("optimiser-parity");
        using var problem = new OptimiserProblem(seed: 7, ScalarType.Float64);
        StateDictFile.Write(dir.File("in.pt"), problem.AsStateDict());
        File.WriteAllText(dir.File("spec.json"), JsonSerializer.Serialize(new
        {
            optimiser, momentum, nesterov, weight_decay = weightDecay, rates = Rates, @in = dir.File("in.pt"), @out = dir.File("out.pt"),
        }));
        Python.RunFile(ParityHarness.Script("optimiser_steps.py"), dir.File("spec.json"));

        var parameters = problem.Parameters();
        using OptimizerHelper ours = optimiser == "adam"
            ? new SafeAdam(parameters, Rates[0], weightDecay)
            : new SafeSgd(parameters, Rates[0], momentum, weightDecay, nesterov);
        for (var step = 0; step < OptimiserProblem.Steps; step++)
            problem.Step(ours, parameters, step, Rates[step]);

        var expected = StateDictFile.Read(dir.File("out.pt"));
        try
        {
            var worst = parameters.Select((p, i) => ParityHarness.Relative(p, expected[$"after.{i}"])).Max();
            output.WriteLine($"largest difference, relative to the parameter's scale: {worst:E2}");
            Assert.True(worst < 1e-12, $"{worst:E2}");
        }
        finally
        {
            foreach (var tensor in expected.Values)
                tensor.Dispose();
        }
    }
}
