using Akka.Streams;
using Akka.Streams.Stage;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// Regroups scored windows per file: sums (or maxima) of each file's window probabilities and of the tapped layer,
/// and its rows when a timeline is wanted, until the file's ending arrives; then the file's outcome goes out. A file
/// that failed after some windows drops them. Files come out in the order they complete. Holds one accumulator per
/// file that has windows in flight (as many as the decoders read at once), each the size of one tag row unless
/// timelines are kept.
/// </summary>
public sealed class FileRegroupStage(RegroupOptions options) : GraphStage<FlowShape<ScoredBatch, FileOutcome>>
{
    public RegroupOptions Options { get; } = options;

    private readonly Inlet<ScoredBatch> _in = new("FileRegroup.in");
    private readonly Outlet<FileOutcome> _out = new("FileRegroup.out");

    public override FlowShape<ScoredBatch, FileOutcome> Shape => new(_in, _out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("regroup-files");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly FileRegroupStage _stage;
        private readonly Dictionary<int, FileAccumulator> _files = [];

        public Logic(FileRegroupStage stage) : base(stage.Shape)
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
                var (file, window) = scored.Batch.Rows[row];
                if (!_files.TryGetValue(file.Index, out var accumulator))
                    _files[file.Index] = accumulator = new FileAccumulator(_stage.Options, scored.Tags, scored.EmbeddingSize);
                accumulator.Add(window, scored, row);
            }
            var outcomes = new List<FileOutcome>(scored.Batch.Endings.Count);
            foreach (var ending in scored.Batch.Endings)
            {
                _files.Remove(ending.File.Index, out var accumulator);
                outcomes.Add(ending switch
                {
                    FileEnded ended when accumulator is not null => accumulator.Complete(ended),
                    FileEnded ended => new FileNotTagged(ended.File, "the decoder gave no windows"),
                    FileFailed failed => new FileNotTagged(failed.File, failed.Reason),
                    _ => throw new InvalidOperationException($"{ending.GetType().Name} is not a file's ending"),
                });
            }
            if (outcomes.Count == 0)
                Pull(_stage._in);
            else
                EmitMultiple(_stage._out, outcomes);
        }

        public override void OnUpstreamFinish()
        {
            if (_files.Count > 0)
                FailStage(new InvalidOperationException($"the stream ended with {_files.Count} file(s) not ended: {string.Join(", ", _files.Keys)}"));
            else
                CompleteStage();
        }
    }
}
