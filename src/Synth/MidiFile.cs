namespace Pipeline.Synth;

/// <summary>
/// Writes a <see cref="MidiSong"/> as a Standard MIDI File, format 1: a conductor track with the tempo and time
/// signature, then one track per part with its program, volume and notes. Written by hand because no MIDI package
/// is available offline; only the parts of the SMF specification that fluidsynth needs to play a piece are used.
/// A part ends with All Sound Off at its last note-off: the piece stops there instead of ringing out, which is what
/// a player rendering a clip of fixed length wants (fluidsynth otherwise renders every release tail to silence).
/// </summary>
public static class MidiFile
{
    private const byte NoteOff = 0x80;
    private const byte NoteOn = 0x90;
    private const byte ControlChange = 0xB0;
    private const byte ProgramChange = 0xC0;
    private const byte Meta = 0xFF;
    private const byte MetaTrackName = 0x03;
    private const byte MetaEndOfTrack = 0x2F;
    private const byte MetaTempo = 0x51;
    private const byte MetaTimeSignature = 0x58;
    private const byte ControllerVolume = 7;
    private const byte ControllerReverbSend = 91;
    private const byte ControllerChorusSend = 93;
    private const byte ControllerAllSoundOff = 120;

    public static byte[] Write(MidiSong song)
    {
        if (song.TicksPerQuarter is <= 0 or > 0x7FFF)
            throw new ArgumentOutOfRangeException(nameof(song), song.TicksPerQuarter, "ticks per quarter note must be 1..32767");
        if (song.Tracks.Length + 1 > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(song), song.Tracks.Length, "too many tracks");

        using var file = new MemoryStream();
        WriteChunk(file, "MThd", header =>
        {
            WriteUInt16(header, 1);
            WriteUInt16(header, (ushort)(song.Tracks.Length + 1));
            WriteUInt16(header, (ushort)song.TicksPerQuarter);
        });
        WriteChunk(file, "MTrk", track => WriteEvents(track, ConductorEvents(song)));
        foreach (var part in song.Tracks)
            WriteChunk(file, "MTrk", track => WriteEvents(track, PartEvents(part)));
        return file.ToArray();
    }

    /// <summary>The variable-length quantity of the SMF format: 7 bits per byte, most significant first, high bit set on all but the last.</summary>
    public static byte[] VariableLength(long value)
    {
        if (value is < 0 or > 0x0FFFFFFF)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a MIDI variable-length quantity holds 0..0x0FFFFFFF");
        var bytes = new Stack<byte>();
        bytes.Push((byte)(value & 0x7F));
        for (value >>= 7; value > 0; value >>= 7)
            bytes.Push((byte)(0x80 | (value & 0x7F)));
        return bytes.ToArray();
    }

    private sealed record TimedEvent(long Tick, int Order, byte[] Bytes);

    private static IEnumerable<TimedEvent> ConductorEvents(MidiSong song)
    {
        var microsecondsPerQuarter = (int)Math.Round(60_000_000 / song.BeatsPerMinute);
        if (microsecondsPerQuarter is <= 0 or > 0xFFFFFF)
            throw new ArgumentOutOfRangeException(nameof(song), song.BeatsPerMinute, "tempo out of the range a MIDI file can hold");
        yield return new(0, 0, MetaEvent(MetaTempo,
            [(byte)(microsecondsPerQuarter >> 16), (byte)(microsecondsPerQuarter >> 8), (byte)microsecondsPerQuarter]));
        // Numerator, denominator as a power of two (quarter = 2), MIDI clocks per metronome click, 32nds per quarter.
        yield return new(0, 0, MetaEvent(MetaTimeSignature, [(byte)song.BeatsPerBar, 2, 24, 8]));
    }

    private static IEnumerable<TimedEvent> PartEvents(MidiTrack part)
    {
        if (part.Channel is < 0 or > 15)
            throw new ArgumentOutOfRangeException(nameof(part), part.Channel, "MIDI channels are 0..15");
        var channel = (byte)part.Channel;
        yield return new(0, 0, MetaEvent(MetaTrackName, System.Text.Encoding.ASCII.GetBytes(part.Name)));
        yield return new(0, 0, [(byte)(ProgramChange | channel), DataByte(part.Program)]);
        yield return new(0, 0, [(byte)(ControlChange | channel), ControllerVolume, DataByte(part.Volume)]);
        // The soundfont's effects are switched off per channel too, so a piece sounds the same whatever the synth's defaults.
        yield return new(0, 0, [(byte)(ControlChange | channel), ControllerReverbSend, 0]);
        yield return new(0, 0, [(byte)(ControlChange | channel), ControllerChorusSend, 0]);
        var end = 0L;
        foreach (var note in part.Notes)
        {
            if (note.Start < 0 || note.Duration <= 0)
                throw new ArgumentOutOfRangeException(nameof(part), note, "a note needs a start >= 0 and a positive duration");
            // At equal ticks a note-off sorts before a note-on, so a repeated key is released before it is struck again.
            yield return new(note.Start, 2, [(byte)(NoteOn | channel), DataByte(note.Key), DataByte(Math.Max(1, note.Velocity))]);
            yield return new(note.Start + note.Duration, 1, [(byte)(NoteOff | channel), DataByte(note.Key), 0]);
            end = Math.Max(end, note.Start + note.Duration);
        }
        yield return new(end, 3, [(byte)(ControlChange | channel), ControllerAllSoundOff, 0]);
    }

    private static void WriteEvents(Stream track, IEnumerable<TimedEvent> events)
    {
        var last = 0L;
        foreach (var e in events.OrderBy(e => e.Tick).ThenBy(e => e.Order))
        {
            track.Write(VariableLength(e.Tick - last));
            track.Write(e.Bytes);
            last = e.Tick;
        }
        track.Write(VariableLength(0));
        track.Write(MetaEvent(MetaEndOfTrack, []));
    }

    private static byte[] MetaEvent(byte type, byte[] data) => [Meta, type, .. VariableLength(data.Length), .. data];

    private static byte DataByte(int value) =>
        value is >= 0 and <= 127 ? (byte)value : throw new ArgumentOutOfRangeException(nameof(value), value, "MIDI data bytes are 0..127");

    private static void WriteChunk(Stream file, string type, Action<Stream> body)
    {
        using var content = new MemoryStream();
        body(content);
        file.Write(System.Text.Encoding.ASCII.GetBytes(type));
        var length = (uint)content.Length;
        file.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        content.Position = 0;
        content.CopyTo(file);
    }

    private static void WriteUInt16(Stream stream, ushort value) => stream.Write([(byte)(value >> 8), (byte)value]);
}
