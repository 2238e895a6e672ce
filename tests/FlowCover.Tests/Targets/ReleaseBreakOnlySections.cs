// methods: Target.Run, Target.Separator, Target.Words
namespace FlowCover.Targets.ReleaseBreakOnlySections;

// A switch section that is only `break;` beside a `default`: Release's dispatch goes straight
// past the switch for it, the one way the dispatch goes there, so the `break;` ran exactly when
// the switch chose it. Markdig PipeTableParser.cs:245, MarkdownExtensions.cs:572.
public static class Target
{
    public static void Run()
    {
        Separator(':');                                 // hit
        Separator('x');                                 // hit
        Words("pipes");                                 // hit
    }

    private static int Separator(char c)
    {
        var n = 0;                                      // hit
        switch (c)                                      // hit br=2/4
        {
            case '|':
                n = 1;                                  // miss
                break;                                  // miss
            case ':':
            case ' ':
                break;                                  // hit
            default:
                return -1;                              // hit
        }
        return n;                                       // hit
    }

    private static int Words(string word)
    {
        var used = 0;                                   // hit
        switch (word)                                   // hit br=1/3
        {
            case "common":
                break;                                  // miss
            case "pipes":
                used++;                                 // hit
                break;                                  // hit
            default:
                used += 10;                             // miss
                break;                                  // miss
        }
        return used;                                    // hit
    }
}
