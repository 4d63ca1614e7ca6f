using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Tests.Support;

/// <summary>
/// Devices other than the CPU to run the model's code on, and what is on which device. Every machine has libtorch's
/// lazy-tensor device with its TorchScript backend (in libtorch_cpu itself, the CPU package included): its tensors are
/// not CPU tensors, it computes real values (on the CPU, when a result is read), and most operators refuse an argument
/// that lives on the CPU ("Input tensor is not a lazy tensor"), as CUDA's refuse one. A machine with a GPU and the CUDA
/// build adds CUDA itself. The meta device is no use here: libtorch's C++ has no meta kernel for convolutions (PyTorch
/// registers those in Python), so conv1d fails there with "convolution_overrideable not implemented".
/// </summary>
public static class TestDevices
{
    private const DeviceType LazyType = (DeviceType)17; // c10::DeviceType::Lazy; TorchSharp's enum does not name it

    private static readonly Lazy<LazyBackend> Backend = new(LazyBackend.Start);

    public static Device Lazy => Backend.Value.Device;

    /// <summary>The lazy device, and CUDA where this build and machine have it: a device test runs on each.</summary>
    public static IEnumerable<object[]> NotCpu()
    {
        yield return ["lazy"];
        if (cuda.is_available())
            yield return ["cuda"];
    }

    /// <summary>The devices with a default random generator of their own: the CPU, and CUDA where there is one.</summary>
    public static IEnumerable<object[]> WithGenerator()
    {
        yield return ["cpu"];
        if (cuda.is_available())
            yield return ["cuda"];
    }

    public static Device Named(string name) => name switch
    {
        "cpu" => CPU,
        "lazy" => Lazy,
        "cuda" => CUDA,
        _ => throw new ArgumentException($"no test device {name}", nameof(name)),
    };

    public static bool IsOn(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type != DeviceType.CUDA || device.index < 0 || tensor.device_index == device.index);

    /// <summary>
    /// Every tensor of a model and its optimiser that is not on <paramref name="device"/>: parameters, their gradients,
    /// buffers (batch-norm statistics), and the optimiser's state for each parameter, named.
    /// </summary>
    public static List<string> OffDevice(nn.Module model, OptimizerHelper? optimizer, Device device) =>
        Tensors(model, optimizer).Where(t => !IsOn(t.Tensor, device)).Select(t => $"{t.Name} on {t.Tensor.device}").ToList();

    /// <summary>
    /// On the lazy device, computes every pending value in one graph and keeps the results as the tensors' data
    /// (torch._lazy.mark_step); elsewhere nothing. A training loop on the lazy device calls it after each step, or the
    /// graph grows with every step and each tensor read later compiles and runs its whole history alone: a checkpoint
    /// of the small test model took 20 s instead of a fraction of one.
    /// </summary>
    public static void MarkStep()
    {
        if (Backend.IsValueCreated)
            Backend.Value.MarkStep();
    }

    /// <summary>
    /// What can be compared across devices after training: the parameters, and the buffers except on the lazy device,
    /// whose TorchScript backend drops batch norm's update of its running statistics (they stay 0 and 1 there).
    /// </summary>
    public static Dictionary<string, Tensor> Comparable(nn.Module model, Device device) =>
        model.state_dict().Where(p => device.type != LazyType || model.named_parameters().Any(n => n.name == p.Key))
            .ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone());

    private static IEnumerable<(string Name, Tensor Tensor)> Tensors(nn.Module model, OptimizerHelper? optimizer)
    {
        var tensors = new List<(string Name, Tensor? Tensor)>();
        foreach (var (name, parameter) in model.named_parameters())
            tensors.AddRange([(name, parameter), ($"{name}.grad", parameter.grad)]);
        tensors.AddRange(model.named_buffers().Select(b => (b.name, (Tensor?)b.buffer)));
        if (optimizer is not null)
            tensors.AddRange(optimizer.state_dict().State.SelectMany((state, i) => StateTensors(state, $"optimiser state {i}")));
        return tensors.Where(t => t.Tensor is not null).Select(t => (t.Name, t.Tensor!));
    }

    private static IEnumerable<(string, Tensor?)> StateTensors(OptimizerState state, string name) => state switch
    {
        SGD.State sgd => [($"{name} momentum_buffer", sgd.momentum_buffer)],
        Adam.State adam => [($"{name} exp_avg", adam.exp_avg), ($"{name} exp_avg_sq", adam.exp_avg_sq), ($"{name} max_exp_avg_sq", adam.max_exp_avg_sq)],
        _ => throw new NotSupportedException($"the device tests do not know the state of {state.GetType().FullName}"),
    };

    /// <summary>libtorch's lazy-tensor runtime with its TorchScript backend, through the C++ functions PyTorch's torch._lazy calls.</summary>
    private sealed unsafe class LazyBackend
    {
        private readonly nint _executor;
        private readonly nint _device; // a torch::lazy::BackendDevice (24 bytes), default-constructed: the backend's device 0
        private readonly delegate* unmanaged<nint, nint, nint, nint, byte, void> _syncLiveTensors;
        private readonly delegate* unmanaged<nint, nint, void> _markStep;

        private LazyBackend(nint library)
        {
            ((delegate* unmanaged<void>)Export(library, "_ZN5torch4lazy22InitTorchScriptBackendEv"))();
            // torch::jit::setGraphExecutorOptimize(false): the backend runs each graph through TorchScript, whose
            // executor otherwise optimises a graph that runs again and compiles fused kernels for it, seconds per
            // graph for tensors this small.
            ((delegate* unmanaged<byte, void>)Export(library, "_ZN5torch3jit24setGraphExecutorOptimizeEb"))(0);
            _executor = ((delegate* unmanaged<nint>)Export(library, "_ZN5torch4lazy17LazyGraphExecutor3GetEv"))();
            _device = Marshal.AllocHGlobal(64);
            ((delegate* unmanaged<nint, void>)Export(library, "_ZN5torch4lazy13BackendDeviceC1Ev"))(_device);
            // LazyGraphExecutor::SyncLiveTensorsGraph(const BackendDevice*, c10::ArrayRef<std::string> devices, bool wait)
            // and MarkStep(const BackendDevice&), member functions: the executor comes first; the ArrayRef is a pointer and a length.
            _syncLiveTensors = (delegate* unmanaged<nint, nint, nint, nint, byte, void>)Export(library,
                "_ZN5torch4lazy17LazyGraphExecutor20SyncLiveTensorsGraphEPKNS0_13BackendDeviceEN3c108ArrayRefINSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEEEb");
            _markStep = (delegate* unmanaged<nint, nint, void>)Export(library, "_ZN5torch4lazy17LazyGraphExecutor8MarkStepERKNS0_13BackendDeviceE");
        }

        public Device Device { get; } = new(LazyType, 0);

        public static LazyBackend Start()
        {
            _ = zeros(1); // loads libtorch
            return new LazyBackend(NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null));
        }

        public void MarkStep()
        {
            _syncLiveTensors(_executor, _device, 0, 0, 1);
            _markStep(_executor, _device);
        }

        private static nint Export(nint library, string symbol) => NativeLibrary.GetExport(library, symbol);
    }
}
