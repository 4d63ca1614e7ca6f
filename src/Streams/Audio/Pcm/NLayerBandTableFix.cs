using System.Reflection;
using Serilog;

namespace Pipeline.Streams.Audio.Pcm;

/// <summary>
/// Corrects one entry of NLayer 3.0.1's scalefactor-band table: for MPEG-2 at 24 kHz its long blocks end band 17 at
/// spectral line 330, where ISO/IEC 13818-3 (and the reference decoder, mpg123 and ffmpeg) have 332. Frames whose
/// spectrum reaches past line 330 then decode wrongly: ISO's M2L3_compl24 conformance stream is off by up to 1,245
/// LSB before this fix and within 1 LSB after it (tests/.../DecoderConformanceTests). The table is NLayer's private
/// static data, so the fix is applied once, only where the entry still has the wrong value; should a later NLayer
/// move or correct it, nothing is changed and the conformance test says whether NLayer is right.
/// </summary>
internal static class NLayerBandTableFix
{
    private const int Mpeg2At24kHz = 4;
    private const int Band17End = 18;
    private const int Wrong = 330;
    private const int Standard = 332;

    private static readonly Lazy<bool> Applied = new(Apply);

    public static void EnsureApplied() => _ = Applied.Value;

    private static bool Apply()
    {
        var decoder = typeof(NLayer.MpegFile).Assembly.GetType("NLayer.Decoder.LayerIIIDecoder");
        var field = decoder?.GetField("_sfBandIndexLTable", BindingFlags.NonPublic | BindingFlags.Static);
        if (field?.GetValue(null) is not int[][] tables || tables.Length <= Mpeg2At24kHz || tables[Mpeg2At24kHz].Length <= Band17End)
        {
            Log.Debug("NLayer's band table is not where 3.0.1 keeps it; its MPEG-2 24 kHz decoding is left as it is");
            return false;
        }
        if (tables[Mpeg2At24kHz][Band17End] != Wrong)
            return false;
        tables[Mpeg2At24kHz][Band17End] = Standard;
        return true;
    }
}
