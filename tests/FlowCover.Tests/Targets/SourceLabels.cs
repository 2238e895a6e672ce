using System;

namespace FlowCover.Targets.SourceLabels;

// Outcomes named by the source where the IL alone names them by where they jump
// (docs/annotations.md, "How reports name an outcome"): a `not` over a pattern of several tests,
// stacked case labels, a kept `is` beside another decision. Each decision line lists its outcomes
// after `labels:` (`+` taken, `-` not); OutcomeLabelTests asserts them in Debug and Release.
public static class Target
{
    public static void Run()
    {
        NotNumber(2L);                                      // hit
    }

    // The compiler computes the `not`'s operand and negates it after: the conditions are the operand's.
    private static bool NotNumber(object o) => o is not (int or long);  // hit br=2/4 labels: -is int true | +is int false | +is long true | -is long false
}
