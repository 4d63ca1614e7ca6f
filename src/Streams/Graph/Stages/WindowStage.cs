using Akka.Streams;
using Akka.Streams.Stage;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Windows;

namespace Pipeline.Streams.Graph.Stages;

/// <summary>
/// Cuts clips into the windows their <see cref="WindowPlan"/> places on them, with the one <see cref="WindowCutter"/>:
/// a whole clip (<see cref="ClipDecoded"/>) gives its windows and then its <see cref="ClipEnded"/>; a clip read in
/// chunks gives each window as soon as its samples are in, and its ending carries how many windows it gave. A failed
/// clip passes on as it is (after whatever windows it gave): every clip is answered for. Holds one cutter per clip
/// being read (in a clip's own stream, one).
/// </summary>
public sealed class WindowStage : GraphStage<FlowShape<ClipEvent, ClipEvent>>
{
    private readonly Inlet<ClipEvent> _in = new("Windows.in");
    private readonly Outlet<ClipEvent> _out = new("Windows.out");

    public WindowStage(WindowPlan plan)
    {
        Plan = plan;
        Shape = new FlowShape<ClipEvent, ClipEvent>(_in, _out);
    }

    public WindowPlan Plan { get; }

    public override FlowShape<ClipEvent, ClipEvent> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("windows");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly WindowStage _stage;
        private readonly Dictionary<int, WindowCutter> _cutters = [];

        public Logic(WindowStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            var clipEvent = Grab(_stage._in);
            var emitted = clipEvent switch
            {
                ClipDecoded whole => Whole(whole),
                AudioChunk chunk => Chunk(chunk),
                ClipEnded ended => Ended(ended),
                ClipFailed failed => Forget(failed),
                _ => [clipEvent],
            };
            if (emitted.Count == 0)
                Pull(_stage._in);
            else
                EmitMultiple(_stage._out, emitted);
        }

        private List<ClipEvent> Whole(ClipDecoded whole)
        {
            var grid = _stage.Plan.ForWhole(whole.Clip, whole.Samples.Length);
            var count = grid.CountFor(whole.Samples.Length);
            var events = new List<ClipEvent>((int)count + 1);
            for (var window = 0L; window < count; window++)
                events.Add(new Window(whole.Clip, window, WindowCutter.Cut(grid, whole.Samples, window)));
            events.Add(new ClipEnded(whole.Clip, whole.Seconds, whole.Warnings) { Windows = count });
            return events;
        }

        private List<ClipEvent> Chunk(AudioChunk chunk)
        {
            var clip = chunk.Clip;
            if (!_cutters.TryGetValue(clip.Index, out var cutter))
            {
                var grid = _stage.Plan.ForStream(clip)
                           ?? throw new InvalidOperationException($"{clip.AudioPath}: this window plan needs whole clips, not chunks");
                _cutters[clip.Index] = cutter = new WindowCutter(grid);
            }
            var events = new List<ClipEvent>();
            if (chunk.Samples is ArraySamples array)
                cutter.Append(array.Array);
            else
            {
                var samples = new float[chunk.Samples.Length];
                chunk.Samples.CopyTo(0, samples);
                cutter.Append(samples);
            }
            while (cutter.TakeWindow() is { } window)
                events.Add(new Window(clip, cutter.Windows - 1, window));
            return events;
        }

        private List<ClipEvent> Ended(ClipEnded ended)
        {
            var events = new List<ClipEvent>(2);
            if (_cutters.Remove(ended.Clip.Index, out var cutter) && cutter.TakeLastWindow() is { } padded)
                events.Add(new Window(ended.Clip, cutter.Windows - 1, padded));
            events.Add(ended with { Windows = cutter?.Windows ?? 0 });
            return events;
        }

        private List<ClipEvent> Forget(ClipFailed failed)
        {
            _cutters.Remove(failed.Clip.Index);
            return [failed];
        }
    }
}
