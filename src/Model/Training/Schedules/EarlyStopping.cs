namespace Pipeline.Model.Training.Schedules;

/// <summary>What one validation loss means for early stopping.</summary>
public enum PlateauVerdict
{
    /// <summary>Better than the best so far.</summary>
    Improved,
    /// <summary>Not better, and the patience is not used up yet.</summary>
    Waiting,
    /// <summary>Not better for more than the patience: a plateau ends (the plateau schedule reduces the rate here).</summary>
    PlateauEnded,
    /// <summary>The plateau after the last allowed one: training stops.</summary>
    Stop,
}

/// <summary>
/// Early stopping as Lee's and Kim's code does it (Keras 2.0's EarlyStopping and ReduceLROnPlateau; Keras==2.0.5 in
/// tae-jun/resemul requirements.txt): after more than <c>patience</c> evaluations without improvement a plateau ends
/// (Keras' callback stops when its wait count has reached the patience before the epoch adds to it, so after
/// patience + 1 epochs), and the plateau after <c>maxPlateaus</c> ended ones stops training. An improvement resets only
/// the wait of the current plateau. Pure: it reads and writes the schedule's state, which checkpoints keep.
/// </summary>
public sealed class EarlyStopping(int patience, int maxPlateaus)
{
    /// <summary>The verdict on a loss that <paramref name="improved"/> or not, and the state's counters after it.</summary>
    public (PlateauVerdict Verdict, ScheduleState State) Observe(ScheduleState state, double loss, bool improved)
    {
        if (improved)
            return (PlateauVerdict.Improved, state with { BestLoss = loss, EvaluationsWithoutImprovement = 0, EvaluationsInStage = state.EvaluationsInStage + 1 });
        var waited = state.EvaluationsWithoutImprovement + 1;
        if (waited <= patience)
            return (PlateauVerdict.Waiting, state with { EvaluationsWithoutImprovement = waited, EvaluationsInStage = state.EvaluationsInStage + 1 });
        if (state.Reductions >= maxPlateaus)
            return (PlateauVerdict.Stop, state);
        return (PlateauVerdict.PlateauEnded, state with { EvaluationsWithoutImprovement = 0, EvaluationsInStage = 0, Reductions = state.Reductions + 1 });
    }
}
