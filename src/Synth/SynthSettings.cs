namespace Pipeline.Synth;

/// <summary>
/// How the demo corpus is rendered: the General MIDI soundfont fluidsynth plays, how many clips render at once
/// (0 = one per processor core) and fluidsynth's master gain (clips are scaled to their loudness band afterwards;
/// the gain only has to keep fluidsynth's mix well below full scale).
/// </summary>
public sealed record SynthSettings(string Soundfont, int Parallelism, double Gain)
{
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}
