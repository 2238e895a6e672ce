// methods: Target.Run, Target.Escape, Target.Scan, Target.Label
using System;

namespace FlowCover.Targets.ReleaseImpliedChains;

// Lines Release reads from other probes in a chain: a `while (true)` read from its body's first
// statement, itself read from the outcomes of a `?:`; a `goto` out of nested blocks in a loop.
// Each ran, and must be reported hit, never given a probe that cannot store.
public static class Target
{
    public static void Run()
    {
        Escape("ab".AsSpan(), soft: false);             // hit
        Scan("abc".AsSpan());                           // hit
        Label("ab]");                                   // hit
    }

    private static int Escape(ReadOnlySpan<char> content, bool soft)
    {
        var count = 0;                                  // hit
        while (true)                                    // hit
        {
            int at = soft                               // hit br=1/2
                ? content.IndexOfAny('<', '&')
                : content.IndexOfAny('<', '>', '&');
            if ((uint)at >= (uint)content.Length)       // hit br=1/2
            {
                return count;                           // hit
            }
            count++;                                    // miss
            content = content.Slice(at + 1);            // miss
        }
    }

    private static int Scan(ReadOnlySpan<char> content)
    {
        var found = 0;                                  // hit
        while (true)                                    // hit
        {
            int i = content.IndexOf('%');               // hit
            if ((uint)i >= (uint)content.Length)        // hit br=1/2
            {
                found += content.Length;                // hit
                break;                                  // hit
            }
            found += i;                                 // miss
            char c = content[i];                        // miss
            if (c < 128)                                // miss br=0/2
            {
                found++;                                // miss
            }
            content = content.Slice(i + 1);             // miss
        }
        return found;                                   // hit
    }

    private static int Label(string text)
    {
        var start = 0;                                  // hit
        var end = 0;                                    // hit
        var index = 0;                                  // hit
        while (true)                                    // hit
        {
            var c = text[index++];                      // hit
            if (c == '[')                               // hit br=1/2
            {
                break;                                  // miss
            }
            if (c == ']')                               // hit br=2/2
            {
                if (index <= 999)                       // hit br=1/2
                {
                    start = 1;                          // hit
                    end = index;                        // hit
                    if (start > end)                    // hit br=1/2
                    {
                        start = end;                    // miss
                    }
                    goto valid;                         // hit
                }
                break;                                  // miss
            }
            end++;                                      // hit
        }
        return -1;                                      // miss
    valid:
        return end - start;                             // hit
    }
}
