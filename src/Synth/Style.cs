using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// A genre-like recipe: the tags every piece of it earns, its line-ups, and the odds of its tempo and loudness bands,
/// modes, chord progressions (scale degrees, one chord per bar) and metre.
/// </summary>
public sealed record Style(
    string Name,
    double Weight,
    ImmutableArray<string> Tags,
    ImmutableArray<Arrangement> Arrangements,
    (double Slow, double Medium, double Fast) TempoOdds,
    (double Quiet, double Medium, double Loud) LevelOdds,
    ImmutableArray<Mode> Modes,
    ImmutableArray<ImmutableArray<int>> Progressions,
    double TripleMeterShare = 0,
    bool Swing = false,
    bool Sevenths = false);
