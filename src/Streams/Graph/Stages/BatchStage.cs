using System.Collections.Immutable;
using Akka.Streams;
using Akka.Streams.Stage;
using Pipeline.Shared;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Graph.Stages;

/// <summary>
/// Windows into the one <see cref="Batch"/> type, in arrival order, whichever clips they come from; each clip's ending
/// goes out with the batch that holds its last window (or, when no windows wait, at once in a batch without rows), so
/// whoever regroups rows per clip knows when a clip is complete. A batch goes out when full and at the end of the
/// stream. With <c>neverLone</c> (training), a stream whose last batch would hold a single window ends with one batch of
/// <c>batchSize + 1</c> instead: batch norm in training mode cannot estimate a variance from one value per channel
/// (libtorch puts NaN into the running variance for good; PyTorch refuses such a batch), and MTAT's 15,250 training
/// clips at batch 23 leave exactly one. No window is left out. Holds at most <c>batchSize + 2</c> windows, and pulls
/// only while downstream waits for a batch. With <c>flushAfter</c> (a worker's open-ended stream, which never ends to
/// flush the last batch), a batch that has waited that long since its last window goes out as it is.
/// </summary>
public sealed class BatchStage : GraphStage<FlowShape<ClipEvent, Batch>>
{
    private readonly Inlet<ClipEvent> _in = new("Batch.in");
    private readonly Outlet<Batch> _out = new("Batch.out");

    public BatchStage(int batchSize, int windowSamples, bool neverLone = false, TimeSpan? flushAfter = null)
    {
        if (neverLone && flushAfter is not null)
            throw new ArgumentException("a training batch never goes out early: that could leave a lone window", nameof(flushAfter));
        FlushAfter = flushAfter;
        BatchSize = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");
        WindowSamples = windowSamples;
        NeverLone = neverLone;
        Shape = new FlowShape<ClipEvent, Batch>(_in, _out);
    }

    public int BatchSize { get; }
    public int WindowSamples { get; }
    public bool NeverLone { get; }
    public TimeSpan? FlushAfter { get; }

    public override FlowShape<ClipEvent, Batch> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("batch");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    /// <summary>Rows of <paramref name="windows"/> with their clips' labels (TagCount 0 when the clips have none).</summary>
    public static Batch From(IReadOnlyList<Window> windows, int windowSamples, IReadOnlyList<IClipEnding> endings)
    {
        var tags = windows.Count > 0 ? windows[0].Clip.Labels.Length : 0;
        var samples = new float[windows.Count * windowSamples];
        var labels = new float[windows.Count * tags];
        var rows = ImmutableArray.CreateBuilder<WindowRow>(windows.Count);
        for (var row = 0; row < windows.Count; row++)
        {
            windows[row].Samples.CopyTo(samples, row * windowSamples);
            windows[row].Clip.Labels.CopyTo(labels, row * tags);
            rows.Add(new WindowRow(windows[row].Clip.Index, windows[row].Index));
        }
        return new Batch(windows.Count, windowSamples, tags, samples, labels, rows.MoveToImmutable()) { Endings = endings };
    }

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string Flush = "flush";

        private readonly BatchStage _stage;
        private readonly List<Window> _rows = [];
        private readonly List<(long RowsBefore, IClipEnding Ending)> _endings = [];
        private readonly Queue<Batch> _ready = new();
        private long _received;
        private long _sealed;

        public Logic(BatchStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: Deliver);
        }

        private void OnPush()
        {
            switch (Grab(_stage._in))
            {
                case Window window:
                    Add(window);
                    break;
                case IClipEnding ending:
                    _endings.Add((_received, ending));
                    if (!_stage.NeverLone && _rows.Count == 0)
                        Seal(0);
                    break;
                case var other:
                    throw new InvalidOperationException($"{other.Clip.AudioPath}: a batch takes windows and endings, not {other.GetType().Name}");
            }
            if (_stage.FlushAfter is { } after && (_rows.Count > 0 || _endings.Count > 0))
                ScheduleOnce(Flush, after);
            Deliver();
        }

        protected override void OnTimer(object timerKey)
        {
            if (_rows.Count > 0 || _endings.Count > 0)
                Seal(_rows.Count);
            Deliver();
        }

        private void Add(Window window)
        {
            if (window.Samples.Length != _stage.WindowSamples)
                throw new ArgumentException($"a window of {window.Samples.Length} samples in a batch of {_stage.WindowSamples}-sample windows");
            _rows.Add(window);
            _received++;
            // A full training batch goes out only once two windows are known to follow it: then the rest is never a
            // lone one (with one, the stream could end there, and that batch would already be gone).
            if (_rows.Count == _stage.BatchSize + (_stage.NeverLone ? 2 : 0))
                Seal(_stage.BatchSize);
        }

        private void Seal(int rows)
        {
            _sealed += rows;
            var endings = _endings.Where(e => e.RowsBefore <= _sealed).Select(e => e.Ending).ToList();
            _endings.RemoveAll(e => e.RowsBefore <= _sealed);
            _ready.Enqueue(From(_rows.GetRange(0, rows), _stage.WindowSamples, endings));
            _rows.RemoveRange(0, rows);
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
            else if (_ready.Count == 0 && IsAvailable(_stage._out) && !HasBeenPulled(_stage._in))
            {
                Pull(_stage._in);
            }
        }

        private void OnUpstreamFinish()
        {
            if (_rows.Count > 0 || _endings.Count > 0)
                Seal(_rows.Count);
            Deliver();
        }
    }
}
