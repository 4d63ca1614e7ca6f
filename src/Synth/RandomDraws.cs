namespace Pipeline.Synth;

/// <summary>The weighted draws the planner and composer make (seeds come from <see cref="Pipeline.Shared.Random.Seeds"/>).</summary>
public static class RandomDraws
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            if (x < weight)
                return item;
            x -= weight;
        }
        return items.Last(i => i.Weight > 0).Item;
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A whole number from <paramref name="lowest"/> to <paramref name="highest"/>, both included.</summary>
    public static int Between(this Random random, int lowest, int highest) => random.Next(lowest, highest + 1);
}
