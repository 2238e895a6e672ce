using System;

namespace FlowCover.Targets.SwitchWhenOperands;

// `when` clauses of several operands, with calls among them, in a switch expression and a switch
// statement: each arm or case label is an outcome, and each operand of a `when` a condition with
// two outcomes of its own (docs/annotations.md), taken as short-circuiting met it.
public static class Target
{
    public static void Run()
    {
        Classify(5);                                    // hit
        Classify(-5);                                   // hit
        Classify(0);                                    // hit
        Classify("abc");                                // hit
        Classify("x");                                  // hit
        Range(5, 0, 10);                                // hit
        Range(50, 0, 10);                               // hit
        Range(7, 10, 20);                               // hit
        Range(20, 30, 20);                              // hit
    }

    private static bool Check(int n) => n % 5 == 0;    // hit

    private static bool IsOdd(int n) => n % 2 != 0;    // hit

    // 5: n > 0 and Check; -5: n > 0 false, n == -5; 0: every operand false, on to the discard;
    // "abc": both operands true; "x": the length false, on to the discard.
    private static string Classify(object value) => value switch   // hit br=11/13
    {
        int n when n > 0 && Check(n) || n == -5 => "special",   // hit
        string s when s.Length > 2 && s.StartsWith('a') => "a-word",   // hit
        _ => "other",                                   // hit
    };

    // (5, 0, 10): in range; (50, 0, 10): both `when`s fail, default; (7, 10, 20): odd;
    // (20, 30, 20): even but equal to hi.
    private static string Range(int n, int lo, int hi)
    {
        switch (n)                                      // hit br=11/12
        {
            case > 100:
                return "huge";                          // miss
            case var k when k >= lo && k < hi:          // hit
                return "in";                            // hit
            case var k when IsOdd(k) || k == hi:        // hit
                return "odd";                           // hit
            default:
                return "out";                           // hit
        }
    }
}
