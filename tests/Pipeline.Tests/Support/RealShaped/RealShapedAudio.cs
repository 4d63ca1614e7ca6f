namespace Pipeline.Tests.Support.RealShaped;

/// <summary>
/// Fixture files shaped byte for byte like the real datasets' files, made with sox and lame and our own tag writers.
/// Each method writes one file into a directory and returns it with what mpg123 or soxi decode from it.
/// <para>
/// Measured on real files (github.com/jordipons/musicnn, audio/). MagnaTagATune
/// joram-moments_of_clarity-08-solipsism-59-88.mp3, 117,213 bytes: ID3v2.3 of 589 bytes (TSSE, COMM "XXX", TPE1,
/// TALB, TIT2, TLEN 29000, no padding), 809 MPEG-2 Layer III frames FF F3 48 C0 (16 kHz mono CBR 32 kbps, 144 bytes,
/// first main_data_begin 0, no Xing/Info frame), ID3v1.0; mpg123 decodes 465,984 samples. MSD
/// TRWJAZW128F42760DD_test.mp3, 241,948 bytes: ID3v2.3 of 1,286 bytes (1,024 of padding), a LAME3.97 "Info" frame
/// (1,150 frames, delay 576, padding 1,484), 22,050 Hz joint stereo 64 kbps, ID3v1.1; mpg123 decodes 660,340
/// samples per channel gapless, 662,400 with --no-gapless.
/// </para>
/// </summary>
public static partial class RealShapedAudio
{
    private static long Samples(double seconds, int rate) => (long)Math.Round(seconds * rate);
}
