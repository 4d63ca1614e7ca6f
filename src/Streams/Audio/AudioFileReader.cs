using System.Buffers;
using System.Text.RegularExpressions;
using Pipeline.Streams.Audio.Native;

namespace Pipeline.Streams.Audio;

/// <summary>
/// Decodes an audio file (MP3, WAV, FLAC, OGG, ... whatever libsndfile reads) to mono float32.
/// Every failure is an <see cref="AudioReadException"/> naming the file and the reason.
/// </summary>
public static unsafe class AudioFileReader
{
    private const int ChunkFrames = 16_384;

    // An MPEG stream's declared length comes from its Xing/LAME header, which counts whole frames, while the
    // decoder drops the encoder delay and padding; only a shortfall beyond one frame means the file was cut.
    private const int MpegFrameSamples = 1152;

    public static DecodedAudio Read(string path)
    {
        // The file's bytes are only needed while decoding, so they come from a pool instead of the large-object heap.
        var (bytes, length) = ReadFile(path);
        try
        {
            return Decode(path, bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static DecodedAudio Decode(string path, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* data = bytes)
        {
            var state = new MemoryStreamIo.State { Data = data, Length = bytes.Length };
            var callbacks = MemoryStreamIo.Callbacks;
            var info = new LibSndFile.Info();
            IntPtr file;
            try
            {
                file = LibSndFile.OpenVirtual(&callbacks, LibSndFile.ReadMode, ref info, (IntPtr)(&state));
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                throw new AudioReadException(path, AudioReadFailure.DecoderUnavailable,
                    "libsndfile.so.1 could not be loaded (install libsndfile1; scripts/bootstrap does)", e);
            }

            if (file == IntPtr.Zero)
                throw new AudioReadException(path, AudioReadFailure.NotAudio, OpenFailureDetail());
            try
            {
                var audio = ReadAll(path, file, info);
                ThrowIfTruncated(path, bytes, file, info);
                return audio;
            }
            finally
            {
                LibSndFile.Close(file);
            }
        }
    }

    /// <summary>
    /// libsndfile's reason for a failed open, plus the last line of its parse log when that says more
    /// (e.g. what mpg123 reported). Both are process-wide in libsndfile, so under concurrency they are best effort.
    /// </summary>
    private static string OpenFailureDetail()
    {
        var reason = LibSndFile.StrError(IntPtr.Zero);
        var lastLogLine = LibSndFile.HeaderLog(IntPtr.Zero).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => !line.StartsWith("Parse error", StringComparison.Ordinal) && !line.StartsWith("Length", StringComparison.Ordinal));
        return lastLogLine is null || reason.Contains(lastLogLine, StringComparison.Ordinal) ? reason : $"{reason} ({lastLogLine})";
    }

    /// <summary>The whole file (in a pooled buffer), read with .NET so that missing, unreadable and empty files get precise errors.</summary>
    private static (byte[] Buffer, int Length) ReadFile(string path)
    {
        if (Directory.Exists(path))
            throw new AudioReadException(path, AudioReadFailure.Unreadable, "is a directory");
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(handle);
            if (length == 0)
                throw new AudioReadException(path, AudioReadFailure.Empty, "the file has 0 bytes");
            if (length > Array.MaxLength)
                throw new AudioReadException(path, AudioReadFailure.Unreadable, $"the file is too large ({length} bytes)");
            var bytes = ArrayPool<byte>.Shared.Rent((int)length);
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read, (int)length - read), read);
                if (n == 0)
                    break;
                read += n;
            }
            return (bytes, read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AudioReadException(path, AudioReadFailure.Missing, "no such file", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new AudioReadException(path, AudioReadFailure.Unreadable, e.Message, e);
        }
    }

    private static DecodedAudio ReadAll(string path, IntPtr file, LibSndFile.Info info)
    {
        if (info.Channels <= 0 || info.SampleRate <= 0)
            throw new AudioReadException(path, AudioReadFailure.NotAudio,
                $"implausible stream header ({info.Channels} channels at {info.SampleRate} Hz)");

        var channels = info.Channels;
        var declaredFrames = info.Frames is > 0 and < int.MaxValue ? info.Frames : -1;
        var mono = new float[declaredFrames > 0 ? declaredFrames : 1 << 18];
        var written = 0;
        var interleaved = ArrayPool<float>.Shared.Rent(ChunkFrames * channels);
        try
        {
            fixed (float* buffer = interleaved)
            {
                while (true)
                {
                    var frames = (int)LibSndFile.ReadFramesFloat(file, buffer, ChunkFrames);
                    if (frames <= 0)
                        break;
                    if (written + frames > mono.Length)
                        Array.Resize(ref mono, Math.Max(mono.Length * 2, written + frames));
                    DownmixInto(new ReadOnlySpan<float>(buffer, frames * channels), channels, mono.AsSpan(written, frames));
                    written += frames;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(interleaved);
        }

        var decodeError = LibSndFile.Error(file);
        if (written == 0)
            throw new AudioReadException(path, AudioReadFailure.NotAudio,
                decodeError != 0 ? LibSndFile.StrError(file) : "the stream decodes to no samples");

        var isMpeg = (info.Format & LibSndFile.FormatTypeMask) == LibSndFile.FormatMpeg;
        var tolerance = isMpeg ? MpegFrameSamples : 0;
        if (declaredFrames > 0 && written < declaredFrames - tolerance)
            throw new AudioReadException(path, AudioReadFailure.Truncated,
                $"decoded {written} of the {declaredFrames} frames the header declares");

        if (written != mono.Length)
            Array.Resize(ref mono, written);
        return new DecodedAudio(mono, info.SampleRate);
    }

    /// <summary>
    /// libsndfile clamps a stream to the bytes that are there and decodes it without complaint, so a file that was
    /// cut short must be recognised from its structure: an MPEG stream whose last frame is incomplete, or a header
    /// whose declared data size exceeds the file (libsndfile notes it in its header log as "data : N (should be M)").
    /// </summary>
    private static void ThrowIfTruncated(string path, ReadOnlySpan<byte> bytes, IntPtr file, LibSndFile.Info info)
    {
        if ((info.Format & LibSndFile.FormatTypeMask) == LibSndFile.FormatMpeg)
        {
            if (MpegFrameWalker.FindTruncation(bytes) is { } problem)
                throw new AudioReadException(path, AudioReadFailure.Truncated, problem);
            return;
        }

        var match = DeclaredDataSize.Match(LibSndFile.HeaderLog(file));
        if (match.Success && long.Parse(match.Groups["declared"].Value) > long.Parse(match.Groups["present"].Value))
            throw new AudioReadException(path, AudioReadFailure.Truncated,
                $"the header declares {match.Groups["declared"].Value} bytes of audio data but only {match.Groups["present"].Value} are present");
    }

    private static readonly Regex DeclaredDataSize =
        new(@"^(?:data|SSND)\s*:\s*(?<declared>\d+)\s*\(should be (?<present>\d+)\)", RegexOptions.Multiline | RegexOptions.Compiled);

    private static void DownmixInto(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return;
        }
        var scale = 1f / channels;
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var sum = 0f;
            var offset = frame * channels;
            for (var c = 0; c < channels; c++)
                sum += interleaved[offset + c];
            mono[frame] = sum * scale;
        }
    }
}
