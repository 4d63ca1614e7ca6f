using Akka.Streams;
using Akka.Streams.Stage;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// Packs the windows of whichever files arrive into full model batches, keeping each file's events in order: a file's
/// ending goes out with the batch that holds its last window (or alone, in a batch without rows, when no windows are
/// waiting). A batch goes out when full, at the end of the stream, or when it holds only endings. Holds at most two
/// batches (one being filled, one that a chunk overflowed into), so memory does not depend on the files.
/// </summary>
public sealed class WindowBatchStage(int batchSize, int windowSamples) : GraphStage<FlowShape<FileEvent, WindowBatch>>
{
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");
    public int WindowSamples { get; } = windowSamples;

    private readonly Inlet<FileEvent> _in = new("WindowBatch.in");
    private readonly Outlet<WindowBatch> _out = new("WindowBatch.out");

    public override FlowShape<FileEvent, WindowBatch> Shape => new(_in, _out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("pack-windows");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly WindowBatchStage _stage;
        private readonly Queue<WindowBatch> _ready = new();
        private List<WindowRow> _rows = [];
        private float[] _samples;
        private List<FileEvent> _endings = [];

        public Logic(WindowBatchStage stage) : base(stage.Shape)
        {
            _stage = stage;
            _samples = new float[stage.BatchSize * stage.WindowSamples];
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPush()
        {
            switch (Grab(_stage._in))
            {
                case FileWindows chunk:
                    for (var i = 0; i < chunk.Windows.Count; i++)
                        Add(new WindowRow(chunk.File, chunk.FirstWindow + i), chunk.Windows[i]);
                    break;
                case var ending:
                    _endings.Add(ending);
                    if (_rows.Count == 0)
                        Seal();
                    break;
            }
            Deliver();
        }

        private void Add(WindowRow row, float[] window)
        {
            if (window.Length != _stage.WindowSamples)
                throw new ArgumentException($"a window of {window.Length} samples in a batch of {_stage.WindowSamples}-sample windows");
            window.CopyTo(_samples, _rows.Count * _stage.WindowSamples);
            _rows.Add(row);
            if (_rows.Count == _stage.BatchSize)
                Seal();
        }

        private void Seal()
        {
            // A full batch hands its buffer over; a partial one (the stream's last, or endings alone) gets a copy of its rows.
            var full = _rows.Count == _stage.BatchSize;
            var samples = full ? _samples : _samples.AsSpan(0, _rows.Count * _stage.WindowSamples).ToArray();
            _ready.Enqueue(new WindowBatch(_rows, _stage.WindowSamples, samples, _endings));
            _rows = [];
            _endings = [];
            if (full)
                _samples = new float[_stage.BatchSize * _stage.WindowSamples];
        }

        private void Deliver()
        {
            if (_ready.Count > 0 && IsAvailable(_stage._out))
                Push(_stage._out, _ready.Dequeue());
            if (IsClosed(_stage._in))
            {
                if (_ready.Count == 0)
                    CompleteStage();
            }
            else if (_ready.Count == 0 && !HasBeenPulled(_stage._in))
            {
                Pull(_stage._in);
            }
        }

        public override void OnPull() => Deliver();

        public override void OnUpstreamFinish()
        {
            if (_rows.Count > 0 || _endings.Count > 0)
                Seal();
            Deliver();
        }
    }
}
