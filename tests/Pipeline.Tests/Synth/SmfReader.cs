using System.Collections.Immutable;
using Pipeline.Synth;

namespace Pipeline.Tests.Synth;

/// <summary>
/// An independent Standard MIDI File reader for the tests: chunks, delta times, running status, meta events and
/// channel messages, pairing note-ons with their note-offs, so the writer's files can be checked byte-level.
/// </summary>
public static class SmfReader
{
    /// <param name="SilencedAt">The tick of the track's All Sound Off controller, if it has one.</param>
    public sealed record Track(int Channel, int Program, bool EndsWithEndOfTrack, long? SilencedAt, ImmutableArray<MidiNote> Notes);

    public sealed record File(int Format, int Division, int MicrosecondsPerQuarter, int BeatsPerBar, IReadOnlyList<Track> Tracks);

    public static File Read(byte[] bytes)
    {
        var position = 0;
        Assert.Equal("MThd", Ascii(bytes, ref position, 4));
        Assert.Equal(6, UInt32(bytes, ref position));
        var format = UInt16(bytes, ref position);
        var count = UInt16(bytes, ref position);
        var division = UInt16(bytes, ref position);

        var tracks = new List<Track>();
        var tempo = 500_000;
        var beatsPerBar = 4;
        for (var t = 0; t < count; t++)
        {
            Assert.Equal("MTrk", Ascii(bytes, ref position, 4));
            var length = UInt32(bytes, ref position);
            var end = position + length;
            var tick = 0L;
            byte status = 0;
            int channel = -1, program = -1;
            long? silencedAt = null;
            var ended = false;
            var open = new Dictionary<int, (long Start, int Velocity)>();
            var notes = new List<MidiNote>();
            while (position < end)
            {
                Assert.False(ended, "events after end-of-track");
                tick += VariableLength(bytes, ref position);
                if ((bytes[position] & 0x80) != 0)
                    status = bytes[position++];
                if (status == 0xFF)
                {
                    var type = bytes[position++];
                    var size = (int)VariableLength(bytes, ref position);
                    var data = bytes[position..(position + size)];
                    position += size;
                    if (type == 0x51) tempo = (data[0] << 16) | (data[1] << 8) | data[2];
                    if (type == 0x58) beatsPerBar = data[0];
                    if (type == 0x2F) ended = true;
                    continue;
                }
                var kind = status & 0xF0;
                channel = status & 0x0F;
                var first = bytes[position++];
                var second = kind is 0xC0 or 0xD0 ? (byte)0 : bytes[position++];
                switch (kind)
                {
                    case 0xC0: program = first; break;
                    case 0xB0 when first == 120: silencedAt = tick; break;
                    case 0x90 when second > 0: open[first] = (tick, second); break;
                    case 0x80 or 0x90:
                        Assert.True(open.Remove(first, out var on), $"note-off for key {first} at tick {tick} without a note-on");
                        notes.Add(new MidiNote(on.Start, tick - on.Start, first, on.Velocity));
                        break;
                }
            }
            Assert.Empty(open);
            Assert.Equal(end, position);
            tracks.Add(new Track(channel, program, ended, silencedAt, [.. notes.OrderBy(n => n.Start).ThenBy(n => n.Key)]));
        }
        Assert.Equal(bytes.Length, position);
        return new File(format, division, tempo, beatsPerBar, tracks);
    }

    private static long VariableLength(byte[] bytes, ref int position)
    {
        long value = 0;
        byte b;
        do
        {
            b = bytes[position++];
            value = (value << 7) | (uint)(b & 0x7F);
        } while ((b & 0x80) != 0);
        return value;
    }

    private static string Ascii(byte[] bytes, ref int position, int count)
    {
        var text = System.Text.Encoding.ASCII.GetString(bytes, position, count);
        position += count;
        return text;
    }

    private static int UInt16(byte[] bytes, ref int position)
    {
        var value = (bytes[position] << 8) | bytes[position + 1];
        position += 2;
        return value;
    }

    private static int UInt32(byte[] bytes, ref int position)
    {
        var value = (bytes[position] << 24) | (bytes[position + 1] << 16) | (bytes[position + 2] << 8) | bytes[position + 3];
        position += 4;
        return value;
    }
}
