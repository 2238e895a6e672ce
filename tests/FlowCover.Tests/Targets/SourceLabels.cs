using System;

namespace FlowCover.Targets.SourceLabels;

// Outcomes named by the source where the IL alone names them by where they jump
// (docs/annotations.md, "How reports name an outcome"): a `not` over a pattern of several tests,
// stacked case labels, a kept `is` beside another decision. Each decision line lists its outcomes
// after `labels:` (`+` taken, `-` not); OutcomeLabelTests asserts them in Debug and Release.
public static class Target
{
    private static int Last;

    public static void Run()
    {
        NotNumber(2L);                                      // hit
        Pick(5);                                            // hit
        Pick(9);                                            // hit
        Word("b");                                          // hit
        Letter('z');                                        // hit
        Beside(true, "a");                                  // hit
    }

    // The compiler computes the `not`'s operand and negates it after: the conditions are the operand's.
    private static bool NotNumber(object o) => o is not (int or long);  // hit br=2/4 labels: -is int true | +is int false | +is long true | -is long false

    // Stacked labels: each is an outcome, named by the value the IL matched (a constant, a string;
    // types in SwitchStacked.cs).
    private static int Pick(int n)
    {
        switch (n)                                          // hit br=2/4 labels: -case 1 | +case 5 | +case 9 | -no case matched
        {
            case 1:
            case 5:
                return 1;                                   // hit
            case 9:
                return 9;                                   // hit
        }
        return 0;                                           // miss
    }

    private static int Word(string s)
    {
        switch (s)                                          // hit br=1/3 labels: -case "a" | +case "b" | -no case matched
        {
            case "a":
            case "b":
                return 1;                                   // hit
        }
        return 0;                                           // miss
    }

    private static int Letter(char c)
    {
        switch (c)                                          // hit br=1/3 labels: -case 'x' | +case 'z' | -default
        {
            case 'x':
            case 'z':
                return 1;                                   // hit
            default:
                return 0;                                   // miss
        }
    }

    private static void Use(int a, bool b) => Last = a;     // hit

    // A kept `is` is a decision of two outcomes, also beside another decision of its statement.
    private static void Beside(bool f, object? x)
    {
        Use(f ? 1 : 2, x is null);                          // hit br=2/4 labels: +f true | -f false | -x is null true | +x is null false
    }
}
