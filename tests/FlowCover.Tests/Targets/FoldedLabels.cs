namespace FlowCover.Targets.FoldedLabels;

public enum Color { Red, Green, Blue }

// Outcomes named by the source where the compiler folds the source's parts into fewer tests or
// folds a `not` into where they lead (docs/annotations.md, "How reports name an outcome"). Each
// decision line lists its outcomes after `labels:` (`+` taken, `-` not); OutcomeLabelTests asserts
// them in Debug and Release.
public static class Target
{
    public static void Run()
    {
        NotOneOrTwo(1);                                     // hit
        NotOneOrTwo(7);                                     // hit
        Small(2);                                           // hit
        InRange(3);                                         // hit
        InRange(9);                                         // hit
        Identifier('q');                                    // hit
        Identifier('_');                                    // hit
        Identifier('#');                                    // hit
        Text("a");                                          // hit
        Text("");                                           // hit
        Neither(1);                                         // hit
        Neither(2.0);                                       // hit
        NeitherNumberNorNull(1);                            // hit
        NeitherNumberNorNull("s");                          // hit
        NeitherNumberNorNull(null);                         // hit
        Warmth(Color.Green);                                // hit
        Warmth(Color.Blue);                                 // hit
        Size(3);                                            // hit
        Size(4);                                            // hit
    }

    // Consecutive constants are tested with one range check (`x - 1 <= 1u`): one condition, named
    // by the whole run and its own value (under `not`, the run's value, not the decision's).
    private static bool NotOneOrTwo(int x) => x is not (1 or 2);    // hit br=2/2 labels: +is 1 or 2 true | +is 1 or 2 false

    private static int Small(int x)
    {
        if (x is 1 or 2 or 3)                               // hit br=1/2 labels: +true | -false
            return 1;                                       // hit
        return 0;                                           // miss
    }

    // Relational parts are tested one by one, each its own condition.
    private static bool InRange(int x) => x is >= 1 and <= 5;       // hit br=3/4 labels: +is >= 1 true | -is >= 1 false | +is <= 5 true | +is <= 5 false

    private static bool Identifier(char c) => c is >= 'a' and <= 'z' or '_';  // hit br=5/6 labels: +is >= 'a' true | +is >= 'a' false | +is <= 'z' true | -is <= 'z' false | +is '_' true | +is '_' false

    // A `not` inside `and`/`or`: each condition named by its own value.
    private static bool Text(string? s) => s is (not null) and not "";  // hit br=3/4 labels: +is not null true | -is not null false | +is not "" true | +is not "" false

    private static bool Neither(object o) => o is not int and not string;  // hit br=3/4 labels: +is not int true | +is not int false | +is not string true | -is not string false

    // A `not` over several tests, inside an `and`: `is int true` leads to the decision's false.
    private static bool NeitherNumberNorNull(object? o) => o is not (int or long) and not null;  // hit br=5/6 labels: +is int true | +is int false | -is long true | +is long false | +is not null true | +is not null false

    // Stacked enum labels, tested as one range of their numbers (`c <= 1u`): each value named by
    // the member written for it.
    private static string Warmth(Color c)
    {
        switch (c)                                          // hit br=2/4 labels: -case Color.Red | +case Color.Green | +case Color.Blue | -no case matched
        {
            case Color.Red:
            case Color.Green:
                return "warm";                              // hit
            case Color.Blue:
                return "cold";                              // hit
        }
        return "none";                                      // miss
    }

    // A label stacked with `default`: the match of the label, and the way no label matched.
    private static string Size(int n)
    {
        switch (n)                                          // hit br=2/3 labels: -case 1 | +case 3 | +default
        {
            case 1:
                return "one";                               // miss
            case 3:
            default:
                return "other";                             // hit
        }
    }
}
