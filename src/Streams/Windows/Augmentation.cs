namespace Pipeline.Streams.Windows;

/// <summary>
/// How training windows are varied from epoch to epoch without changing what their labels say: <see cref="Polarity"/>
/// inverts a window's sign at random (no listener hears it; the model cannot rely on it), and
/// <see cref="JitterWindows"/> starts a clip's non-overlapping windows at a random offset each epoch, so every epoch
/// cuts the clip elsewhere. Loudness, tempo and mixing are left alone: tags such as quiet, loud, slow and fast name
/// exactly those. Evaluation never augments.
/// </summary>
public sealed record Augmentation(bool Polarity, bool JitterWindows)
{
    public static Augmentation None { get; } = new(false, false);
}
