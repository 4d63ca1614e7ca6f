namespace Pipeline.Streams.Datasets;

/// <summary>The three partitions of an extracted dataset; file names use <see cref="SplitNames.Of"/>.</summary>
public enum Split
{
    Train,
    Valid,
    Test,
}

public static class SplitNames
{
    public static readonly IReadOnlyList<Split> All = [Split.Train, Split.Valid, Split.Test];

    public static string Of(Split split) => split switch
    {
        Split.Train => "train",
        Split.Valid => "valid",
        Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    public static Split Parse(string name) => name.ToLowerInvariant() switch
    {
        "train" or "training" => Split.Train,
        "valid" or "validation" or "val" => Split.Valid,
        "test" => Split.Test,
        _ => throw new ArgumentException($"unknown split '{name}' (train, valid, test)", nameof(name)),
    };
}
