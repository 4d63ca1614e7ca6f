using Pipeline.Shared.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Checkpoints;

/// <summary>
/// One checkpoint file: a magic, the <see cref="CheckpointInfo"/> as JSON, the model's tensors, and optionally the
/// optimiser's state and the torch RNG state. Written to a temporary name and renamed, so a crash (or a full disk)
/// leaves the previous checkpoint as it was.
/// </summary>
public static class CheckpointFile
{
    private const string Magic = "PIPECKPT";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Saves the weights in <paramref name="weights"/> (a model's state dict or a snapshot's) with the given state.</summary>
    public static void Save(string path, CheckpointInfo info, IReadOnlyDictionary<string, Tensor> weights,
        byte[]? optimizerState, byte[]? rngState)
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
            writer.Write(rngState?.Length ?? 0);
            writer.Write(rngState ?? []);
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
    /// returns the info and the RNG state (empty if none was saved).
    /// </summary>
    public static (CheckpointInfo Info, byte[] RngState) Load(string path, Module model, OptimizerHelper? optimizer)
    {
        using var reader = OpenAndReadHeader(path, out var info);
        SavedWeights.Load(reader, model, path);
        var hasOptimizer = reader.ReadBoolean();
        if (hasOptimizer && optimizer is not null)
            SavedOptimiserState.Load(reader, optimizer);
        else if (hasOptimizer)
            return (info, []);
        var rng = reader.ReadBytes(reader.ReadInt32());
        return (info, rng);
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
