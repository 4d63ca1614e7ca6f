using Pipeline.Tests.Support;
using Pipeline.Model.Models;

namespace Pipeline.Tests.Model;

/// <summary>
/// The m^n models of Lee et al. 2017, Table 2: for each m, the input length is fixed (2^14 = 16,384, 3^10 = 59,049,
/// 4^8 = 65,536, 5^7 = 78,125 samples) and n grows while the first layer's filter length and stride s = input / m^n
/// shrinks. Widths follow the two full models Lee's code spells out (jongpillee/sampleCNN
/// run_pubtaga_endToEnd_cnn_novalidgen.py: 2^13 at :74-158, 3^9 at :160-224; tae-jun/sample-cnn model.py): 128 for
/// the first convolution and the first two blocks, 512 for the last block and the 1x1 convolution, 256 between.
/// The rows (n = 6..13 for m = 2, 4..9 for 3, 3..7 for 4, 3..6 for 5) are the table's as recalled, not re-read here:
/// the code at hand confirms 2^13 at 16,384 samples, 3^9 at 59,049 and a 5^6 model of 15,625 frames (jongpillee's
/// `model_list` comment); check the paper before quoting a row.
/// </summary>
public static class LeeTable2
{
    public sealed record Configuration(int M, int N, int Stride)
    {
        public int InputSamples => Stride * (int)Math.Pow(M, N);
        public override string ToString() => $"{M}^{N}, s = {Stride}";
    }

    public static IReadOnlyList<Configuration> Configurations { get; } =
    [
        .. Family(2, 16_384, 6, 13),
        .. Family(3, 59_049, 4, 9),
        .. Family(4, 65_536, 3, 7),
        .. Family(5, 78_125, 3, 6),
    ];

    public static IEnumerable<object[]> Rows => Configurations.Select(c => new object[] { c.M, c.N, c.Stride });

    public static IReadOnlyList<int> Widths(int n) =>
        [.. Enumerable.Range(1, n).Select(block => block == n ? 512 : block <= 2 ? 128 : 256)];

    public static ModelSettings Settings(int m, int n, int stride) => TestSettings.Defaults.Model with
    {
        FilterSize = m,
        Depth = n,
        StemStride = stride,
        BlockChannels = Widths(n),
    };

    private static IEnumerable<Configuration> Family(int m, int input, int fromN, int toN) =>
        Enumerable.Range(fromN, toN - fromN + 1).Select(n => new Configuration(m, n, input / (int)Math.Pow(m, n)));
}
