using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>One sounding note: when it starts and how long it lasts, in ticks of the song's quarter-note resolution.</summary>
public sealed record MidiNote(long Start, long Duration, int Key, int Velocity);

/// <summary>
/// One instrument's part on one MIDI channel. <paramref name="Program"/> is the General MIDI program (0-127); on the
/// drum channel it selects the drum kit (fluidsynth maps it to bank 128).
/// </summary>
public sealed record MidiTrack(string Name, int Channel, int Program, int Volume, ImmutableArray<MidiNote> Notes);

/// <summary>A piece at one constant tempo, ready to be written as a Standard MIDI File.</summary>
public sealed record MidiSong(int TicksPerQuarter, double BeatsPerMinute, int BeatsPerBar, ImmutableArray<MidiTrack> Tracks)
{
    public const int DrumChannel = 9;

    public long TicksAt(TimeSpan time) => (long)Math.Round(time.TotalMinutes * BeatsPerMinute * TicksPerQuarter);

    public TimeSpan TimeAt(long tick) => TimeSpan.FromMinutes(tick / (BeatsPerMinute * TicksPerQuarter));
}
