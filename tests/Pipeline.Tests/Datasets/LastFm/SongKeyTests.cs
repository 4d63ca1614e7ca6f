using Pipeline.Streams.Datasets.Fma.LastFm;

namespace Pipeline.Tests.Datasets.LastFm;

public sealed class SongKeyTests
{
    [Theory]
    [InlineData("AWOL", "awol")]
    [InlineData("Beyoncé", "BEYONCE")]
    [InlineData("Sigur Rós", "Sigur Ros")]
    [InlineData("Mötley Crüe", "Motley Crue")]
    [InlineData("AC/DC", "ACDC")]
    [InlineData("Rock-n-Roll", "Rock n Roll")]
    [InlineData("Don't Stop", "Dont Stop")]
    [InlineData("Don\u2019t Stop", "Don't stop!")]
    [InlineData("Simon & Garfunkel", "Simon and Garfunkel")]
    [InlineData("The Beatles", "Beatles")]
    [InlineData("Beatles, The", "The Beatles")]
    [InlineData("Jay-Z feat. Alicia Keys", "Jay-Z")]
    [InlineData("Lose Yourself ft. Eminem", "Lose Yourself")]
    [InlineData("Crazy featuring Someone", "Crazy")]
    [InlineData("Crazy (feat. Someone)", "Crazy")]
    [InlineData("Never Gonna Give You Up (Album Version)", "Never Gonna Give You Up")]
    [InlineData("Yesterday [Remastered 2009]", "Yesterday")]
    [InlineData("Song (Radio Edit)", "Song")]
    [InlineData("Song {Extended Mix}", "song")]
    [InlineData("Song - Live", "Song")]
    [InlineData("Song \u2013 2009 Remaster", "Song")]
    [InlineData("ﬁre", "fire")]
    [InlineData("  Food  ", "Food")]
    public void Spellings_of_one_name_give_one_key(string one, string other) =>
        Assert.Equal(SongKey.Of(one), SongKey.Of(other));

    [Theory]
    [InlineData("Intro (Part 1)", "Intro (Part 2)")]
    [InlineData("Song - Part Two", "Song")]
    [InlineData("Theme", "Them")]
    [InlineData("The", "Them")]
    [InlineData("1979", "1978")]
    [InlineData("Жёлтый", "Желтый дом")]
    public void Different_names_keep_different_keys(string one, string other) =>
        Assert.NotEqual(SongKey.Of(one), SongKey.Of(other));

    [Theory]
    [InlineData("...")]
    [InlineData("(Remix)")]
    [InlineData("")]
    public void A_name_of_punctuation_or_notes_only_has_no_key(string name) =>
        Assert.Equal("", SongKey.Of(name));

    [Fact]
    public void Words_that_are_dropped_elsewhere_stay_when_they_are_the_whole_name_and_letters_lose_only_their_marks()
    {
        Assert.Equal("the", SongKey.Of("The"));
        Assert.Equal("featuring", SongKey.Of("Featuring"));
        Assert.Equal("желтыи", SongKey.Of("Жёлтый"));
    }
}
