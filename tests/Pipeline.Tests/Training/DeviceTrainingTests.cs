using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;
using TorchSharp.Modules;
using static Pipeline.Tests.Support.DeviceFixtures;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>
/// Training on a device other than the CPU (see <see cref="TestDevices"/>): a step, a resume and a stage that restores
/// the best weights, each with every tensor on the device and the same result as on the CPU. Run with CUDA too where
/// the machine has it (`make gpu-check TORCH=cuda`).
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
[Trait("Category", "Device")]
public sealed class DeviceTrainingTests : IDisposable
{
    private readonly TempDirectory _dir = new("device-training");

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> Steps() =>
        from device in TestDevices.NotCpu()
        from optimiser in new[] { OptimizerKind.Sgd, OptimizerKind.Adam }
        from precision in new[] { Precision.Fp32, Precision.Bf16 }
        select new object[] { device[0], optimiser, precision };

    public static IEnumerable<object[]> Resumes() =>
        from device in TestDevices.NotCpu()
        from optimiser in new[] { OptimizerKind.Sgd, OptimizerKind.Adam }
        from writtenOn in new[] { "cpu", "device" }
        select new object[] { device[0], optimiser, writtenOn };

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_training_step_keeps_every_tensor_on_the_device_and_computes_what_the_CPU_computes(string device, OptimizerKind optimiser, Precision precision)
    {
        var settings = Settings(optimiser, precision);
        using var onDevice = Session(settings, TestDevices.Named(device));
        using var onCpu = Session(settings, CPU);
        var tolerance = precision == Precision.Bf16 ? 2e-2 : 1e-4;

        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(onCpu.TrainStep(Batch(step)), onDevice.TrainStep(Batch(step)), tolerance);
            TestDevices.MarkStep();
        }

        Assert.Empty(TestDevices.OffDevice(onDevice.Model, onDevice.Optimizer, onDevice.Device));
        AssertClose(Outcome(onCpu, onDevice.Device), Outcome(onDevice, onDevice.Device), tolerance, $"three {optimiser} steps on {device} differ from the CPU's");
    }

    /// <summary>
    /// A `last` checkpoint written on the CPU or on the device, resumed on the device: the optimiser's state (SGD's
    /// momentum, Adam's moments) comes back on the device, and the next step is the one the uninterrupted run takes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Resumes))]
    public void A_run_resumed_on_the_device_continues_exactly_as_the_uninterrupted_run(string device, OptimizerKind optimiser, string writtenOn)
    {
        var (settings, target, last) = (Settings(optimiser), TestDevices.Named(device), _dir.File("last.ckpt"));
        using var run = Session(settings, writtenOn == "cpu" ? CPU : target);
        for (var step = 0; step < 2; step++)
        {
            run.TrainStep(Batch(step));
            TestDevices.MarkStep();
        }
        run.SaveLast(last, "config", 16_000);

        using var resumed = Session(settings, target);
        resumed.Resume(last);
        Assert.Empty(TestDevices.OffDevice(resumed.Model, resumed.Optimizer, target));
        var expected = run.TrainStep(Batch(2));
        var loss = resumed.TrainStep(Batch(2));

        TestDevices.MarkStep();
        TestDevices.MarkStep();

        Assert.Equal(expected, loss, 1e-4);
        Assert.Empty(TestDevices.OffDevice(resumed.Model, resumed.Optimizer, target));
        AssertClose(Outcome(run, target), Outcome(resumed, target), 1e-4, $"the {optimiser} step after a resume on {device} is not the uninterrupted run's");
    }

    /// <summary>A stage that goes back to the best weights and keeps its optimiser steps the model's own parameters on the device.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.NotCpu), MemberType = typeof(TestDevices))]
    public void A_stage_from_the_best_weights_on_the_device_trains_on_as_on_the_CPU(string device)
    {
        var best = _dir.File("best.ckpt");
        var settings = Settings(OptimizerKind.Sgd);
        using var onDevice = Session(settings, TestDevices.Named(device));
        using var onCpu = Session(settings, CPU);
        foreach (var session in new[] { onCpu, onDevice })
        {
            session.TrainStep(Batch(0));
            TestDevices.MarkStep();
            if (session == onCpu)
            {
                using var snapshot = session.Snapshot(version: 1);
                session.SaveBest(best, snapshot, validationLoss: 0.5, "config", 16_000);
            }
            session.TrainStep(Batch(1));
            TestDevices.MarkStep();
            session.StartStage(new StageStart(0.002, RestoreBestWeights: true, FreshOptimiser: null), best);
            session.TrainStep(Batch(2));
        }
        TestDevices.MarkStep();

        Assert.Empty(TestDevices.OffDevice(onDevice.Model, onDevice.Optimizer, onDevice.Device));
        AssertClose(Outcome(onCpu, onDevice.Device), Outcome(onDevice, onDevice.Device), 1e-4, $"the step after restoring the best weights on {device} differs from the CPU's");
    }

    /// <summary>The check above can fail: the device refuses an optimiser state left on the CPU, as CUDA does.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.NotCpu), MemberType = typeof(TestDevices))]
    public void The_device_refuses_a_momentum_buffer_left_on_the_CPU(string device)
    {
        var target = TestDevices.Named(device);
        var parameter = new Parameter(ones(4).to(target));
        using var optimiser = new Pipeline.Model.Training.SafeOptimisers.SGD([parameter], 0.1, momentum: 0.9, weightDecay: 0, nesterov: false);
        ((SGD.State)optimiser.state_dict().State[0]).momentum_buffer = zeros(4);
        parameter.grad = ones(4).to(target);

        Assert.ThrowsAny<Exception>(() => optimiser.step());
        Assert.Equal(["optimiser state 0 momentum_buffer on cpu"], TestDevices.OffDevice(new ParameterHolder(parameter), optimiser, target));
    }

    /// <summary>
    /// What the same steps on two devices must agree on: SGD's weights; under Adam its first moments, since Adam divides
    /// each update by the root of the second moment, so a parameter whose gradient is only rounding noise (a convolution
    /// bias just before batch norm, which cancels it) moves by a whole step one way or the other on each device.
    /// </summary>
    private static Dictionary<string, Tensor> Outcome(TrainingSession session, Device comparedOn) =>
        session.Optimizer is Adam
            ? session.Model.named_parameters().Zip(session.Optimizer.state_dict().State.Cast<Adam.State>())
                .ToDictionary(p => $"{p.First.name} exp_avg", p => p.Second.exp_avg.detach().cpu().clone())
            : TestDevices.Comparable(session.Model, comparedOn);

    private sealed class ParameterHolder : nn.Module
    {
        private readonly Parameter weight;

        public ParameterHolder(Parameter parameter) : base(nameof(ParameterHolder))
        {
            weight = parameter;
            RegisterComponents();
        }
    }
}
