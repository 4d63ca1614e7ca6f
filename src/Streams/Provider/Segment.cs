namespace Pipeline.Streams.Provider;

/// <summary>One window of a clip's samples; <see cref="Window"/> counts the clip's windows from 0.</summary>
public sealed record Segment(ClipRef Clip, int Window, float[] Samples);
