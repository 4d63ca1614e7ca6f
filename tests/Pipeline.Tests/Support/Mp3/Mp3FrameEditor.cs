namespace Pipeline.Tests.Support.Mp3;

/// <summary>
/// Frame-level edits of a bare MPEG audio stream (no tags), done on whole frames as cutting tools such as mp3splt or
/// mp3DirectCut do: no re-encoding, so frames keep pointing into their predecessors' bit reservoir.
/// </summary>
public static class Mp3FrameEditor
{
    /// <summary>The stream without its first frame if that is a Xing/Info/VBRI summary frame; otherwise unchanged.</summary>
    public static byte[] StripInfoFrame(byte[] stream)
    {
        var frames = Mp3FrameScanner.Frames(stream, 0, stream.Length);
        return frames.Count > 0 && Mp3InfoFrame.Read(stream, frames[0]) is not null ? stream[frames[0].End..] : stream;
    }

    /// <summary><paramref name="count"/> whole frames starting at frame <paramref name="first"/> (counted after any summary frame).</summary>
    public static byte[] CutFrames(byte[] stream, int first, int count)
    {
        var audio = StripInfoFrame(stream);
        var frames = Mp3FrameScanner.Frames(audio, 0, audio.Length);
        if (first < 0 || count <= 0 || first + count > frames.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"frames {first}..{first + count - 1} are not all in a stream of {frames.Count} frames");
        return audio[frames[first].Offset..frames[first + count - 1].End];
    }

    /// <summary>
    /// The first frame index at or after <paramref name="from"/> whose main data starts in an earlier frame
    /// (main_data_begin &gt; 0): a cut there leaves the first frame of the excerpt without all of its data.
    /// </summary>
    public static int FirstFrameUsingReservoir(byte[] stream, int from)
    {
        var audio = StripInfoFrame(stream);
        var frames = Mp3FrameScanner.Frames(audio, 0, audio.Length);
        for (var i = from; i < frames.Count; i++)
        {
            if (Mp3FrameScanner.MainDataBegin(audio, frames[i]) > 0)
                return i;
        }
        throw new InvalidOperationException($"no frame from {from} on uses the bit reservoir");
    }

    /// <summary>The stream with <paramref name="junk"/> inserted between frame <paramref name="after"/> and the next.</summary>
    public static byte[] InsertAfterFrame(byte[] stream, int after, byte[] junk)
    {
        var frames = Mp3FrameScanner.Frames(stream, 0, stream.Length);
        if (after < 0 || after >= frames.Count - 1)
            throw new ArgumentOutOfRangeException(nameof(after), after, $"need a frame with a successor in {frames.Count} frames");
        var at = frames[after].End;
        return [.. stream[..at], .. junk, .. stream[at..]];
    }

    /// <summary>The stream cut inside its last frame, keeping <paramref name="keptBytes"/> of that frame and nothing after.</summary>
    public static byte[] TruncateLastFrame(byte[] stream, int keptBytes)
    {
        var frames = Mp3FrameScanner.Frames(stream, 0, stream.Length);
        var last = frames[^1];
        if (keptBytes <= 4 || keptBytes >= last.Length)
            throw new ArgumentOutOfRangeException(nameof(keptBytes), keptBytes, $"keep more than the header and less than the {last.Length}-byte frame");
        return stream[..(last.Offset + keptBytes)];
    }
}
