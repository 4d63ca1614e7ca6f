using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Pcm;

/// <summary>A read-only, seekable <see cref="Stream"/> over <see cref="SplicedBytes"/>, for decoders that read streams.</summary>
internal sealed class RegionStream(SplicedBytes bytes) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, Length - _position);
        if (wanted <= 0)
            return 0;
        var read = bytes.Read(_position, buffer[..wanted]);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
