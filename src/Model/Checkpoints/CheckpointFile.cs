using Pipeline.Shared.IO;
using Pipeline.Model.Training;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Checkpoints;

/// <summary>
/// One checkpoint file: a magic, the <see cref="CheckpointInfo"/> as JSON, the model's tensors, and optionally the
/// optimiser's state and the random generators' states: the CPU's, then, from a run on a GPU, a section tagged CUDA
/// with the GPU's. Files without that section (from the CPU, or written before it existed) read as before, and a
/// reader that stops after the CPU's state reads the new ones. Written to a temporary name and renamed, so a crash (or
/// a full disk) leaves the previous checkpoint as it was.
/// </summary>
public static class CheckpointFile
{
    private const string Magic = "PIPECKPT";
    private const int FormatVersion = 1;
    private const string CudaRandomSection = "CUDA";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Saves the weights in <paramref name="weights"/> (a model's state dict or a snapshot's) with the given state.</summary>
    public static void Save(string path, CheckpointInfo info, IReadOnlyDictionary<string, Tensor> weights,
        byte[]? optimizerState, RandomState? random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(info, Json));
            Module.save_state_dict(writer, weights.ToDictionary(), []);
            writer.Write(optimizerState is not null);
            if (optimizerState is not null)
                writer.Write(optimizerState); // as the optimiser's save_state_dict wrote it, which its load_state_dict reads
            writer.Write(random?.Cpu.Length ?? 0);
            writer.Write(random?.Cpu ?? []);
            if (random?.Cuda is { } gpu)
            {
                writer.Write(Encoding.ASCII.GetBytes(CudaRandomSection));
                writer.Write(gpu.Length);
                writer.Write(gpu);
            }
        });
    }

    public static CheckpointInfo ReadInfo(string path)
    {
        using var reader = OpenAndReadHeader(path, out var info);
        return info;
    }

    /// <summary>
    /// Loads the weights into <paramref name="model"/>'s own tensors, and the optimiser state into
    /// <paramref name="optimizer"/> when both the file and the caller have one, each on its parameter's device;
    /// returns the info and the random generators' states (<see cref="RandomState.None"/> if none were saved).
    /// </summary>
    public static (CheckpointInfo Info, RandomState Random) Load(string path, Module model, OptimizerHelper? optimizer)
    {
        using var reader = OpenAndReadHeader(path, out var info);
        SavedWeights.Load(reader, model, path);
        var hasOptimizer = reader.ReadBoolean();
        if (hasOptimizer && optimizer is not null)
            SavedOptimiserState.Load(reader, optimizer);
        else if (hasOptimizer)
            return (info, RandomState.None);
        return (info, ReadRandomState(reader, path));
    }

    private static RandomState ReadRandomState(BinaryReader reader, string path)
    {
        var cpu = reader.ReadBytes(reader.ReadInt32());
        if (reader.BaseStream.Position == reader.BaseStream.Length)
            return new RandomState(cpu, null);
        var section = Encoding.ASCII.GetString(reader.ReadBytes(CudaRandomSection.Length));
        if (section != CudaRandomSection)
            throw new InvalidDataException($"{path}: unknown section '{section}' after the random generator state");
        return new RandomState(cpu, reader.ReadBytes(reader.ReadInt32()));
    }

    private static BinaryReader OpenAndReadHeader(string path, out CheckpointInfo info)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no checkpoint at {path}", path);
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
            if (magic != Magic)
                throw new InvalidDataException($"{path} is not a checkpoint of this program");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"{path}: checkpoint format {version} is not supported (expected {FormatVersion})");
            info = JsonSerializer.Deserialize<CheckpointInfo>(reader.ReadString(), Json)
                   ?? throw new InvalidDataException($"{path}: empty checkpoint header");
            return reader;
        }
        catch (EndOfStreamException e)
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is truncated", e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
