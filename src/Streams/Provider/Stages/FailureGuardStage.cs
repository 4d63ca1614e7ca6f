using Akka.Streams;
using Akka.Event;
using Akka.Streams.Stage;
using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Provider.Stages;

/// <summary>
/// The one place decoding failures are reported: each failed clip is logged once (with its reason) and published as
/// <see cref="ClipSkipped"/> on the materializer's event stream, and each clip decoded with a warning is logged; the
/// outcomes pass on as values. Fails the stream with <see cref="SystematicDecodeFailureException"/> when failures
/// are systematic rather than a few bad files: the decoder library is unavailable, more than <c>maxFraction</c> of
/// the last <c>window</c> files failed, or the stream ends without a single clip decoded (counting
/// <c>earlierSuccesses</c>, e.g. clips a resumed extraction finds already cached).
/// </summary>
public sealed class FailureGuardStage(int window, double maxFraction, long earlierSuccesses = 0)
    : GraphStage<FlowShape<DecodeOutcome, DecodeOutcome>>
{
    public long EarlierSuccesses { get; } = earlierSuccesses;

    public int Window { get; } = window >= 1 ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "must be at least 1");
    public double MaxFraction { get; } = maxFraction;

    private readonly Inlet<DecodeOutcome> _in = new("FailureGuard.in");
    private readonly Outlet<DecodeOutcome> _out = new("FailureGuard.out");

    public override FlowShape<DecodeOutcome, DecodeOutcome> Shape => new(_in, _out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("failure-guard");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly FailureGuardStage _stage;
        private readonly Queue<bool> _recent = new();
        private int _recentFailures;
        private long _seen;
        private long _decoded;
        private ClipFailed? _lastFailure;

        public Logic(FailureGuardStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            var outcome = Grab(_stage._in);
            _seen++;
            var failed = outcome is ClipFailed;
            if (outcome is ClipFailed failure)
            {
                Report(failure);
                _lastFailure = failure;
                if (failure.Failure == AudioReadFailure.DecoderUnavailable)
                {
                    FailStage(new SystematicDecodeFailureException($"decoding cannot work at all: {failure.Reason}"));
                    return;
                }
            }
            else
            {
                if (outcome is ClipDecoded { Warnings.Count: > 0 } odd)
                    Log.Warning("{0}: decoded with {1} warning(s): {2}", odd.Clip.AudioPath, odd.Warnings.Count, string.Join("; ", odd.Warnings));
                _decoded++;
            }

            _recent.Enqueue(failed);
            if (failed) _recentFailures++;
            if (_recent.Count > _stage.Window && _recent.Dequeue()) _recentFailures--;

            if (_recent.Count == _stage.Window && _recentFailures > _stage.MaxFraction * _stage.Window)
            {
                FailStage(new SystematicDecodeFailureException(
                    $"{_recentFailures} of the last {_stage.Window} files failed to decode (more than {_stage.MaxFraction:P0}); " +
                    $"last reason: {_lastFailure?.Reason}. Check the audio folder and the decoder installation."));
                return;
            }
            Push(_stage._out, outcome);
        }

        private void Report(ClipFailed failure)
        {
            Log.Warning("skipping {0}: {1}", failure.Clip.AudioPath, failure.Reason);
            if (Materializer is ActorMaterializer materializer)
                materializer.System.EventStream.Publish(new ClipSkipped(failure.Clip, failure.Reason));
        }

        public override void OnUpstreamFinish()
        {
            if (_seen > 0 && _decoded + _stage.EarlierSuccesses == 0)
                FailStage(new SystematicDecodeFailureException(
                    $"none of the {_seen} files could be decoded; last reason: {_lastFailure?.Reason}"));
            else
                CompleteStage();
        }
    }
}
