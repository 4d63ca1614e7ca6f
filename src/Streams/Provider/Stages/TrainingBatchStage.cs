using Akka.Streams;
using Akka.Streams.Stage;
using Pipeline.Shared;

namespace Pipeline.Streams.Provider.Stages;

/// <summary>
/// Training batches of <c>batchSize</c> segments, except that a stream whose last batch would hold a single segment
/// ends with one batch of <c>batchSize + 1</c> instead: batch norm in training mode cannot estimate a variance from
/// one value per channel (libtorch puts NaN into the running variance for good; PyTorch refuses such a batch), and
/// MTAT's 15,250 training clips at batch 23 leave exactly one. No segment is left out. Holds at most
/// <c>batchSize + 2</c> segments.
/// </summary>
public sealed class TrainingBatchStage(int batchSize) : GraphStage<FlowShape<Segment, Batch>>
{
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");

    private readonly Inlet<Segment> _in = new("TrainingBatch.in");
    private readonly Outlet<Batch> _out = new("TrainingBatch.out");

    public override FlowShape<Segment, Batch> Shape => new(_in, _out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("batch");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly TrainingBatchStage _stage;
        private readonly List<Segment> _held = [];

        public Logic(TrainingBatchStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            _held.Add(Grab(_stage._in));
            // A full batch goes out only once two segments are known to follow it: then the rest is never a lone one
            // (with one, the stream could end there, and that batch would already be gone).
            if (_held.Count == _stage.BatchSize + 2)
            {
                var batch = BatchFlows.From(_held.GetRange(0, _stage.BatchSize));
                _held.RemoveRange(0, _stage.BatchSize);
                Push(_stage._out, batch);
            }
            else
            {
                Pull(_stage._in);
            }
        }

        public override void OnUpstreamFinish()
        {
            if (_held.Count > 0)
                Emit(_stage._out, BatchFlows.From(_held), CompleteStage);
            else
                CompleteStage();
        }
    }
}
