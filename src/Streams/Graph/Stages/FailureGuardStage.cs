using Akka.Streams;
using Akka.Event;
using Akka.Streams.Stage;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Graph.Stages;

/// <summary>
/// The one place decoding failures are reported: each failed clip is logged once (with its reason) and published as
/// <see cref="ClipSkipped"/> on the materializer's event stream, and each clip decoded with a warning is logged; every
/// event passes on as a value. Under a <see cref="FailurePolicy"/> that stops on systematic failures, fails the stream
/// with <see cref="SystematicDecodeFailureException"/> when the decoder library is unavailable, when more than the
/// policy's fraction of its last window of clips failed, or when the stream ends without a single clip decoded
/// (counting the policy's earlier successes, e.g. clips a resumed extraction finds already cached). A clip counts
/// when its audio ends: <see cref="ClipDecoded"/> or <see cref="ClipEnded"/> decoded it, <see cref="ClipFailed"/> did not.
/// </summary>
public sealed class FailureGuardStage(FailurePolicy policy) : FailureGuardStage<ClipEvent>(policy, clipEvent => clipEvent);

/// <summary>
/// The failure guard over elements of another kind (a cluster coordinator's results), each judged by the clip event it
/// stands for (null: nothing to judge).
/// </summary>
public class FailureGuardStage<T> : GraphStage<FlowShape<T, T>>
{
    private readonly Inlet<T> _in = new("FailureGuard.in");
    private readonly Outlet<T> _out = new("FailureGuard.out");
    private readonly Func<T, ClipEvent?> _judged;

    public FailureGuardStage(FailurePolicy policy, Func<T, ClipEvent?> judged)
    {
        Policy = policy;
        _judged = judged;
        Shape = new FlowShape<T, T>(_in, _out);
    }

    public FailurePolicy Policy { get; }

    public override FlowShape<T, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("failure-guard");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly FailureGuardStage<T> _stage;
        private readonly FailurePolicy _policy;
        private readonly Queue<bool> _recent = new();
        private int _recentFailures;
        private long _seen;
        private long _decoded;
        private ClipFailed? _lastFailure;

        public Logic(FailureGuardStage<T> stage) : base(stage.Shape)
        {
            _stage = stage;
            _policy = stage.Policy;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        /// <summary>The policy's logger, or else Akka's (which goes to the process's log through its Serilog logger).</summary>
        private void Warn(string template, params object[] args)
        {
            if (_policy.Log is { } log)
                log.Warning(template, args);
            else
                Log.Warning(template, args);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            var element = Grab(_stage._in);
            var clipEvent = _stage._judged(element);
            if (clipEvent is ClipFailed failure)
            {
                if (Failed(failure) is { } stop)
                {
                    FailStage(stop);
                    return;
                }
            }
            else if (clipEvent is ClipDecoded or ClipEnded)
            {
                if (Decoded(clipEvent) is { } stop)
                {
                    FailStage(stop);
                    return;
                }
            }
            Push(_stage._out, element);
        }

        private Exception? Failed(ClipFailed failure)
        {
            Warn("skipping {0}: {1}", failure.Clip.AudioPath, failure.Reason);
            if (Materializer is ActorMaterializer materializer)
                materializer.System.EventStream.Publish(new ClipSkipped(failure.Clip, failure.Reason));
            _lastFailure = failure;
            if (_policy.StopsOnSystematicFailures && failure.Failure == AudioReadFailure.DecoderUnavailable)
                return new SystematicDecodeFailureException($"decoding cannot work at all: {failure.Reason}");
            return Counted(failed: true);
        }

        private Exception? Decoded(ClipEvent decoded)
        {
            var warnings = decoded is ClipDecoded whole ? whole.Warnings : ((ClipEnded)decoded).Warnings;
            if (warnings.Count > 0)
                Warn("{0}: decoded with {1} warning(s): {2}", decoded.Clip.AudioPath, warnings.Count, string.Join("; ", warnings));
            _decoded++;
            return Counted(failed: false);
        }

        private Exception? Counted(bool failed)
        {
            _seen++;
            _recent.Enqueue(failed);
            if (failed) _recentFailures++;
            if (_recent.Count > _policy.Window && _recent.Dequeue()) _recentFailures--;
            if (!_policy.StopsOnSystematicFailures || _recent.Count < _policy.Window || _recentFailures <= _policy.MaxFraction * _policy.Window)
                return null;
            return new SystematicDecodeFailureException(
                $"{_recentFailures} of the last {_policy.Window} files failed to decode (more than {_policy.MaxFraction:P0}); " +
                $"last reason: {_lastFailure?.Reason}. Check the audio folder and the decoder installation.");
        }

        public override void OnUpstreamFinish()
        {
            if (_policy.StopsOnSystematicFailures && _seen > 0 && _decoded + _policy.EarlierSuccesses == 0)
                FailStage(new SystematicDecodeFailureException($"none of the {_seen} files could be decoded; last reason: {_lastFailure?.Reason}"));
            else
                CompleteStage();
        }
    }
}
