using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Pipeline.Streams.Audio.Input;
using Pipeline.Streams.Audio.Native;

namespace Pipeline.Streams.Audio.Pcm;

/// <summary>Decodes one region of a file with libsndfile (WAV, FLAC, OGG, AIFF, ..., and MPEG through libmpg123).</summary>
internal sealed unsafe partial class LibSndFileReader : IPcmReader
{
    private readonly LibSndFile _library;
    private readonly RegionIo _io;
    private readonly LibSndFile.VirtualIo* _callbacks;
    private readonly IntPtr _file;
    private readonly string _path;

    private LibSndFileReader(LibSndFile library, RegionIo io, LibSndFile.VirtualIo* callbacks, IntPtr file, LibSndFile.Info info, string path)
    {
        _library = library;
        _io = io;
        _callbacks = callbacks;
        _file = file;
        _path = path;
        SampleRate = info.SampleRate;
        Channels = info.Channels;
        DeclaredFrames = info.Frames;
        IsMpeg = (info.Format & LibSndFile.FormatTypeMask) == LibSndFile.FormatMpeg;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>The length the format's header gives (for MPEG without an Info frame only an estimate from the size).</summary>
    public long DeclaredFrames { get; }

    public bool IsMpeg { get; }

    public static LibSndFileReader Open(LibSndFile library, SplicedBytes bytes)
    {
        var io = new RegionIo(bytes);
        // libsndfile keeps the callbacks for the file's lifetime, so they live in native memory, not on a stack.
        var callbacks = (LibSndFile.VirtualIo*)NativeMemory.Alloc((nuint)sizeof(LibSndFile.VirtualIo));
        *callbacks = RegionIo.Callbacks;
        var info = new LibSndFile.Info();
        var file = library.OpenVirtual(callbacks, ref info, io.UserData);
        if (file == IntPtr.Zero || info.Channels <= 0 || info.SampleRate <= 0)
        {
            var detail = file == IntPtr.Zero
                ? OpenFailureDetail(library)
                : $"implausible stream header ({info.Channels} channels at {info.SampleRate} Hz)";
            if (file != IntPtr.Zero)
                library.Close(file);
            NativeMemory.Free(callbacks);
            io.Dispose();
            throw io.Failure is { } failure
                ? new AudioReadException(bytes.Path, AudioReadFailure.Unreadable, failure.Message, failure)
                : new AudioReadException(bytes.Path, AudioReadFailure.NotAudio, detail);
        }
        return new LibSndFileReader(library, io, callbacks, file, info, bytes.Path);
    }

    public int ReadFrames(Span<float> interleaved)
    {
        long frames;
        fixed (float* destination = interleaved)
            frames = _library.ReadFramesFloat(_file, destination, interleaved.Length / Channels);
        if (_io.Failure is { } failure)
            throw new AudioReadException(_path, AudioReadFailure.Unreadable, failure.Message, failure);
        return (int)Math.Max(0, frames);
    }

    /// <summary>libsndfile's description of a decoding error that ended the stream, or null.</summary>
    public string? DecodeError => _library.Error(_file) != 0 ? _library.StrError(_file) : null;

    /// <summary>
    /// The data size a WAV/AIFF header declares beyond what the file holds: libsndfile clamps to what is there and
    /// notes it in its header log as "data : N (should be M)". Exact evidence that the file was cut.
    /// </summary>
    public (long Declared, long Present)? DataSizeShortfall()
    {
        var match = DeclaredDataSize().Match(_library.HeaderLog(_file));
        if (!match.Success)
            return null;
        var (declared, present) = (long.Parse(match.Groups["declared"].Value), long.Parse(match.Groups["present"].Value));
        return declared > present ? (declared, present) : null;
    }

    [GeneratedRegex(@"^(?:data|SSND)\s*:\s*(?<declared>\d+)\s*\(should be (?<present>\d+)\)", RegexOptions.Multiline)]
    private static partial Regex DeclaredDataSize();

    /// <summary>
    /// libsndfile's reason for a failed open, plus the last line of its parse log when that says more (e.g. what
    /// mpg123 reported). Both are process-wide in libsndfile, so under concurrency they are best effort.
    /// </summary>
    private static string OpenFailureDetail(LibSndFile library)
    {
        var reason = library.StrError(IntPtr.Zero);
        var lastLogLine = library.HeaderLog(IntPtr.Zero).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => !line.StartsWith("Parse error", StringComparison.Ordinal) && !line.StartsWith("Length", StringComparison.Ordinal));
        return lastLogLine is null || reason.Contains(lastLogLine, StringComparison.Ordinal) ? reason : $"{reason} ({lastLogLine})";
    }

    public void Dispose()
    {
        _library.Close(_file);
        NativeMemory.Free(_callbacks);
        _io.Dispose();
    }
}
