using Pipeline.Actors.Cluster.Work;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Cluster.Wire;

/// <summary>A clip's training windows on the wire: their indices and samples (int16, one array), then the clip's ending.</summary>
internal static class WireWindows
{
    public static void Write(BinaryWriter writer, WindowsResult result, byte kind)
    {
        var windows = result.Events.OfType<Window>().ToList();
        var ended = result.Events[^1] as ClipEnded
                    ?? throw new ArgumentException($"{result.Clip.AudioPath}: a clip's windows must end with its ending", nameof(result));
        var length = windows.Count > 0 ? windows[0].Samples.Length : 0;
        var samples = new float[windows.Count * length];
        for (var i = 0; i < windows.Count; i++)
            windows[i].Samples.CopyTo(samples, i * length);
        writer.Write(kind);
        writer.WriteClip(result.Clip);
        writer.Write(windows.Count);
        writer.Write(length);
        foreach (var window in windows)
            writer.Write(window.Index);
        writer.WriteSamples(samples);
        writer.Write(ended.Seconds);
        writer.WriteStrings([.. ended.Warnings]);
    }

    public static WindowsResult Read(BinaryReader reader)
    {
        var clip = reader.ReadClip();
        var count = reader.ReadInt32();
        var length = reader.ReadInt32();
        var indices = Enumerable.Range(0, count).Select(_ => reader.ReadInt64()).ToList();
        var samples = reader.ReadSamples();
        var events = new List<ClipEvent>(count + 1);
        for (var i = 0; i < count; i++)
            events.Add(new Window(clip, indices[i], samples.AsSpan(i * length, length).ToArray()));
        events.Add(new ClipEnded(clip, reader.ReadDouble(), reader.ReadStrings()) { Windows = count });
        return new WindowsResult(clip, events);
    }
}
