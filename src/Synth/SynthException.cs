namespace Pipeline.Synth;

/// <summary>The corpus could not be made: a tool or the soundfont is missing, or a tool failed on a clip (exit code 1).</summary>
public sealed class SynthException(string message, Exception? inner = null) : Exception(message, inner);
