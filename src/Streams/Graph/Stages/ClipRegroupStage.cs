using Akka.Streams;
using Akka.Streams.Stage;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;

namespace Pipeline.Streams.Graph.Stages;

/// <summary>
/// Regroups scored windows per clip: sums (or maxima) of each clip's window probabilities and of the tapped layer, and
/// its rows when a timeline is wanted, until the clip's ending arrives; then the clip's outcome goes out. A clip that
/// failed after some windows drops them. Clips come out in the order they complete. Holds one accumulator per clip
/// that has windows in flight (as many as are read at once), each the size of one tag row unless timelines are kept.
/// </summary>
public sealed class ClipRegroupStage : GraphStage<FlowShape<ScoredBatch, ClipOutcome>>
{
    private readonly Inlet<ScoredBatch> _in = new("ClipRegroup.in");
    private readonly Outlet<ClipOutcome> _out = new("ClipRegroup.out");

    public ClipRegroupStage(RegroupOptions options)
    {
        Options = options;
        Shape = new FlowShape<ScoredBatch, ClipOutcome>(_in, _out);
    }

    public RegroupOptions Options { get; }

    public override FlowShape<ScoredBatch, ClipOutcome> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("regroup-clips");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly ClipRegroupStage _stage;
        private readonly Dictionary<int, ClipAccumulator> _clips = [];

        public Logic(ClipRegroupStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            var scored = Grab(_stage._in);
            for (var row = 0; row < scored.Batch.Count; row++)
            {
                var (clip, window) = scored.Batch.Rows[row];
                if (!_clips.TryGetValue(clip, out var accumulator))
                    _clips[clip] = accumulator = new ClipAccumulator(_stage.Options, scored.Tags, scored.EmbeddingSize);
                accumulator.Add(window, scored, row);
            }
            var outcomes = new List<ClipOutcome>(scored.Batch.Endings.Count);
            foreach (var ending in scored.Batch.Endings)
            {
                _clips.Remove(ending.ClipIndex, out var accumulator);
                outcomes.Add(ending switch
                {
                    ClipEnded ended when accumulator is not null => accumulator.Complete(ended),
                    ClipEnded ended => new ClipNotScored(ended.Clip, "the decoder gave no windows"),
                    ClipFailed failed => new ClipNotScored(failed.Clip, failed.Reason) { Failure = failed.Failure },
                    _ => throw new InvalidOperationException($"{ending.GetType().Name} is not a clip's ending"),
                });
            }
            if (outcomes.Count == 0)
                Pull(_stage._in);
            else
                EmitMultiple(_stage._out, outcomes);
        }

        public override void OnUpstreamFinish()
        {
            if (_clips.Count > 0)
                FailStage(new InvalidOperationException($"the stream ended with {_clips.Count} clip(s) not ended: {string.Join(", ", _clips.Keys)}"));
            else
                CompleteStage();
        }
    }
}
