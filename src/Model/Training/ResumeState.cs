namespace Pipeline.Model.Training;

/// <summary>
/// What a checkpoint needs besides the weights to continue training exactly where a snapshot was taken: the position
/// in the epoch, the optimiser's state (momentum or Adam moments, as TorchSharp serialises it) and libtorch's random
/// generator states. Bytes, so later training cannot change them.
/// </summary>
public sealed record ResumeState(long StepInEpoch, byte[] Optimizer, RandomState Random);
