namespace Pipeline.Synth;

/// <summary>The drum patterns a style can ask for.</summary>
public enum DrumGroove
{
    /// <summary>Kick on 1 and 3, snare on 2 and 4, eighth-note hi-hats, crash at phrase starts, tom fills.</summary>
    Rock,
    /// <summary>Kick on every beat, clap on 2 and 4, open hat off-beats, sixteenth closed hats (techno).</summary>
    FourOnTheFloor,
    /// <summary>Pop backbeat: kick on 1, the and of 2 and 3, snare on 2 and 4, eighth hats.</summary>
    Backbeat,
    /// <summary>Swung ride cymbal, hi-hat pedal on 2 and 4, light kick and snare comping.</summary>
    Swing,
    /// <summary>Tabla-like hand drums (bongos and congas) in a sixteen-beat cycle.</summary>
    Tabla,
}
