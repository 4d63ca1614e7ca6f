using Akka.Streams;
using Akka.Streams.Stage;

namespace Pipeline.Streams.Graph.Stages;

/// <summary>
/// Shuffles a stream through a bounded buffer: it fills the buffer, then emits a uniformly chosen element each time
/// one is pulled, and drains the rest in random order when upstream completes. Memory is bounded by the capacity;
/// the same seed and input order give the same output order.
/// </summary>
public sealed class ShuffleStage<T> : GraphStage<FlowShape<T, T>>
{
    private readonly Inlet<T> _in = new("Shuffle.in");
    private readonly Outlet<T> _out = new("Shuffle.out");

    public ShuffleStage(int capacity, int seed)
    {
        Capacity = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        Seed = seed;
        Shape = new FlowShape<T, T>(_in, _out);
    }

    public int Capacity { get; }
    public int Seed { get; }

    public override FlowShape<T, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("shuffle");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) =>
        new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly ShuffleStage<T> _stage;
        private readonly List<T> _buffer;
        private readonly Random _random;
        private bool _upstreamFinished;

        public Logic(ShuffleStage<T> stage) : base(stage.Shape)
        {
            _stage = stage;
            _buffer = new List<T>(Math.Min(stage.Capacity, 4_096));
            _random = new Random(stage.Seed);
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void PreStart() => Pull(_stage._in);

        public override void OnPush()
        {
            _buffer.Add(Grab(_stage._in));
            if (_buffer.Count < _stage.Capacity)
                Pull(_stage._in);
            else if (IsAvailable(_stage._out))
                EmitOne();
        }

        public override void OnPull()
        {
            if (_buffer.Count >= _stage.Capacity || (_upstreamFinished && _buffer.Count > 0))
                EmitOne();
        }

        public override void OnUpstreamFinish()
        {
            _upstreamFinished = true;
            if (_buffer.Count == 0)
                CompleteStage();
            else if (IsAvailable(_stage._out))
                EmitOne();
        }

        private void EmitOne()
        {
            var index = _random.Next(_buffer.Count);
            var element = _buffer[index];
            _buffer[index] = _buffer[^1];
            _buffer.RemoveAt(_buffer.Count - 1);
            Push(_stage._out, element);

            if (_upstreamFinished)
            {
                if (_buffer.Count == 0)
                    CompleteStage();
            }
            else if (!HasBeenPulled(_stage._in))
            {
                Pull(_stage._in);
            }
        }
    }
}
