using System.Globalization;
using Pipeline.Streams.Datasets.Text;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Datasets;

public sealed class AccentFoldingTests
{
    // The letters the fold spells differently from Unicode (which does not decompose them).
    private const string OwnSpellings = "øđłßæœıðþħŧŋƒ";

    [Fact]
    public void Every_lower_case_letter_of_the_folded_blocks_folds_as_unicodedata_decomposes_it()
    {
        // Python's NFKD with the combining marks dropped, for every lower-case letter and digit of the blocks the table
        // covers; a letter whose decomposition is not letters and digits stays itself.
        var expected = Python.Run("""
            import unicodedata as u
            for a, b in [(0xC0, 0x250), (0x370, 0x400), (0x400, 0x500), (0x1E00, 0x1F00), (0xFB00, 0xFB07), (0xFF00, 0xFF60)]:
                for cp in range(a, b):
                    c = chr(cp)
                    if not (u.category(c).startswith('L') or u.category(c) == 'Nd') or c.lower() != c:
                        continue
                    s = ''.join(x for x in u.normalize('NFKD', c) if not u.combining(x)).lower()
                    ok = s and all(u.category(x).startswith('L') or u.category(x) == 'Nd' for x in s)
                    print(cp, s if ok else c)
            """).Split('\n').Select(line => line.Split(' ')).ToList();

        Assert.True(expected.Count > 500, $"only {expected.Count} letters from Python");
        var checkedLetters = 0;
        foreach (var fields in expected)
        {
            var letter = ((char)int.Parse(fields[0], CultureInfo.InvariantCulture)).ToString();
            if (fields[1].IndexOfAny(OwnSpellings.ToCharArray()) >= 0 || OwnSpellings.Contains(letter, StringComparison.Ordinal))
                continue;
            Assert.True(fields[1] == AccentFolding.Fold(letter), $"U+{(int)letter[0]:X4} {letter}: Python {fields[1]}, ours {AccentFolding.Fold(letter)}");
            checkedLetters++;
        }
        Assert.True(checkedLetters > 500);
    }

    [Theory]
    [InlineData("Beyoncé", "beyonce")]
    [InlineData("SIGUR RÓS", "sigur ros")]
    [InlineData("Ǽ", "ae")]
    [InlineData("Øresund", "oresund")]
    [InlineData("Straße", "strasse")]
    [InlineData("Łódź", "lodz")]
    [InlineData("e\u0301te\u0301", "ete")]
    [InlineData("ＡＢＣ１２", "abc12")]
    [InlineData("ﬁn", "fin")]
    [InlineData("Ёлка", "елка")]
    [InlineData("東京", "東京")]
    public void Names_fold_to_base_letters_in_lower_case(string name, string folded) =>
        Assert.Equal(folded, AccentFolding.Fold(name));
}
