using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// A General MIDI instrument as the composer uses it: its program, the range it sounds natural in, whether it holds
/// a note (bowed, blown, pads) or decays (plucked, struck), and the MTAT tags a listener would give it.
/// </summary>
public sealed record Instrument(string Name, int Program, int Lowest, int Highest, bool Sustained, ImmutableArray<string> Tags);
