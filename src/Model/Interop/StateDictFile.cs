using Pipeline.Shared.IO;
using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Pipeline.Model.Interop;

/// <summary>A PyTorch state_dict file is missing, unreadable, or does not fit the model; the message says what to do.</summary>
public sealed class StateDictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// PyTorch state_dict files (what <c>torch.save(model.state_dict(), path)</c> writes, and <c>torch.load</c> reads) in
/// the zip format PyTorch has written by default since 1.6, through TorchSharp.PyBridge.
/// </summary>
public static class StateDictFile
{
    /// <summary>Every tensor of the file by key, on the CPU; the caller disposes them.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path))
            throw new StateDictException($"{path} does not exist");
        CheckFormat(path);
        // TorchSharp.PyBridge's unpickler leaves one more tensor per entry undisposed (measured: 51 for 51 entries; its
        // own load_py wraps the call in a dispose scope too): this scope disposes them, the entries move out.
        using var scope = NewDisposeScope();
        Hashtable entries;
        try
        {
            entries = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e)
        {
            throw new StateDictException($"{path} is a zip archive but not a readable state_dict ({e.Message}); " +
                                         "save one with torch.save(model.state_dict(), path)", e);
        }
        // Won et al.'s Solver.save writes {'model': state_dict} (minzwon/sota-music-tagging-models training/solver.py).
        IDictionary source = entries;
        if (entries.Count == 1 && entries.Values.Cast<object>().Single() is IDictionary inner && inner.Values.Cast<object>().All(v => v is Tensor))
            source = inner;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in source)
        {
            if (entry.Value is not Tensor tensor)
            {
                foreach (var loaded in tensors.Values)
                    loaded.Dispose();
                throw new StateDictException($"{path}: entry '{entry.Key}' is a {entry.Value?.GetType().Name ?? "null"}, not a tensor; " +
                                             "save the model's state_dict() itself, not a dictionary that holds it");
            }
            tensors[(string)entry.Key] = tensor.MoveToOuterDisposeScope();
        }
        return tensors;
    }

    /// <summary>Writes <paramref name="tensors"/> so that torch.load returns them as an ordered dict of tensors.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var scope = NewDisposeScope();
        var ordered = new System.Collections.Specialized.OrderedDictionary();
        foreach (var (key, tensor) in tensors)
            ordered.Add(key, tensor.cpu().contiguous());
        AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, ordered, leaveOpen: true));
    }

    private static void CheckFormat(string path)
    {
        var head = new byte[4];
        using (var stream = File.OpenRead(path))
            stream.ReadExactly(head, 0, Math.Min(4, (int)stream.Length));
        if (head is [(byte)'P', (byte)'K', 3, 4])
            return;
        // The legacy format is a bare pickle stream: protocol marker 0x80, then the protocol (2 for torch.save).
        if (head[0] == 0x80)
            throw new StateDictException(
                $"{path} is in PyTorch's legacy (pre-1.6) serialization format, which this program does not read; " +
                "re-save it in Python with torch>=1.6: sd = torch.load(path, map_location='cpu'); " +
                "torch.save(sd, new_path, _use_new_zipfile_serialization=True)");
        throw new StateDictException($"{path} is not a PyTorch state_dict file (no zip archive, no pickle stream)");
    }
}
