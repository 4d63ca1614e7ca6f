namespace Pipeline.Streams.Graph;

/// <summary>Where training and evaluation read audio from.</summary>
public enum AudioSource
{
    /// <summary>The audio cache when the extraction made one, the audio files otherwise.</summary>
    Auto,
    Cache,
    Files,
}
