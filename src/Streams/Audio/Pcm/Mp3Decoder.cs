namespace Pipeline.Streams.Audio.Pcm;

/// <summary>Which decoder turns MPEG audio into samples (pipeline.audio.mp3-decoder).</summary>
public enum Mp3Decoder
{
    /// <summary>libsndfile (libmpg123 in-process, the faster) when it loads and reads MPEG, else NLayer.</summary>
    Auto,
    /// <summary>NLayer, fully managed: works where libsndfile is missing or too old.</summary>
    NLayer,
    /// <summary>libsndfile 1.1.0 or later with libmpg123.</summary>
    LibSndFile,
}
