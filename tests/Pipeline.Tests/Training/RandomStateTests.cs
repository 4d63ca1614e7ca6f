using System.Text;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Training;
using Pipeline.Tests.Support;
using TorchSharp;
using static Pipeline.Tests.Support.DeviceFixtures;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>The random generators' states a checkpoint keeps: the CPU's, and a GPU's where training runs on one.</summary>
[Collection(TorchGlobalStateCollection.Name)]
[Trait("Category", "Device")]
public sealed class RandomStateTests : IDisposable
{
    private readonly TempDirectory _dir = new("random-state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_default_CPU_generator_reached_through_libtorch_is_the_one_TorchSharp_draws_from()
    {
        var generator = DefaultGenerator.Of(CPU);
        using var expected = random.get_rng_state();

        var state = generator.State();
        Assert.Equal(expected.data<byte>().ToArray(), state);
        using var first = rand(5);
        generator.Restore(state);
        using var again = rand(5);
        Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
    }

    [Fact]
    public void A_state_of_another_length_is_refused_before_libtorch_sees_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => DefaultGenerator.Of(CPU).Restore(new byte[16]));

        Assert.Contains("16 bytes", error.Message);
    }

    /// <summary>Dropout on the device draws again what it drew after the state was taken (the GPU's own generator on CUDA).</summary>
    [Theory]
    [MemberData(nameof(TestDevices.WithGenerator), MemberType = typeof(TestDevices))]
    public void Restoring_a_captured_state_repeats_the_devices_dropout_draws(string device)
    {
        var target = TestDevices.Named(device);
        using var input = torch.ones(1000, device: target);
        var state = TorchRuntime.WithRandomGenerator(() => RandomState.Capture(target));
        Assert.Equal(target.type == DeviceType.CUDA, state.Cuda is not null);
        using var first = nn.functional.dropout(input, 0.5, training: true).cpu();

        TorchRuntime.WithRandomGenerator(() =>
        {
            state.Restore(target, "test");
            return true;
        });
        using var again = nn.functional.dropout(input, 0.5, training: true).cpu();

        Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
    }

    [Fact]
    public void A_GPU_generator_state_travels_in_its_own_section_and_a_file_without_it_reads_as_before()
    {
        var (withGpu, withoutGpu) = (_dir.File("gpu.ckpt"), _dir.File("cpu.ckpt"));
        using var session = Session(Settings(OptimizerKind.Sgd), CPU);
        var info = session.Info(0, null, "config", 16_000);
        var cpu = DefaultGenerator.Of(CPU).State();
        byte[] gpu = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

        CheckpointFile.Save(withGpu, info, session.Model.state_dict(), null, new RandomState(cpu, gpu));
        CheckpointFile.Save(withoutGpu, info, session.Model.state_dict(), null, new RandomState(cpu, null));

        var bytes = File.ReadAllBytes(withGpu);
        // The file written before GPU states were saved ends with the CPU's state: that is this file without its last section.
        var section = 4 + sizeof(int) + gpu.Length;
        Assert.Equal(Encoding.ASCII.GetBytes("CUDA"), bytes[^section..^(section - 4)]);
        Assert.Equal(File.ReadAllBytes(withoutGpu), bytes[..^section]);
        var (_, read) = CheckpointFile.Load(withGpu, session.Model, null);
        Assert.Equal(cpu, read.Cpu);
        Assert.Equal(gpu, read.Cuda);
        (_, read) = CheckpointFile.Load(withoutGpu, session.Model, null);
        Assert.Equal(cpu, read.Cpu);
        Assert.Null(read.Cuda);
        File.WriteAllBytes(withGpu, [.. bytes[..^section], .. Encoding.ASCII.GetBytes("XPU!"), .. new byte[4]]);
        Assert.Contains("unknown section 'XPU!'", Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(withGpu, session.Model, null)).Message);
    }

    /// <summary>With dropout, a run resumed from `last` takes the step the uninterrupted run takes, on the CPU and on CUDA.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.WithGenerator), MemberType = typeof(TestDevices))]
    public void A_resumed_run_with_dropout_draws_what_the_uninterrupted_run_draws(string device)
    {
        var (target, last) = (TestDevices.Named(device), _dir.File("last.ckpt"));
        var model = DeviceFixtures.Model with { Dropout = 0.5 };
        var settings = Settings(OptimizerKind.Sgd);
        using var run = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, target);
        run.TrainStep(Batch(0));
        run.SaveLast(last, "config", 16_000);
        var expected = run.TrainStep(Batch(1));

        using var resumed = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, target);
        resumed.TrainStep(Batch(7)); // moves the generators on, as the steps of a killed run after its checkpoint did
        resumed.Resume(last);

        Assert.Equal(expected, resumed.TrainStep(Batch(1)));
    }
}
