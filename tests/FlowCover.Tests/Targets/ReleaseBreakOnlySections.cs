// methods: Target.Radix, Target.Run, Target.Separator, Target.Words
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
        Radix(2);                                       // hit
        Radix(10);                                      // hit
        Radix(3);                                       // hit
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

    // With no `default`, a value no label matches goes past the switch too: the `break;` ran
    // only when its own label matched (YamlDotNet ScalarNodeDeserializer.cs:269).
    private static int Radix(int numberBase)
    {
        var result = 1;                                 // hit
        switch (numberBase)                             // hit br=3/5
        {
            case 2:
            case 8:
                result = numberBase;                    // hit
                break;                                  // hit
            case 16:
                result = 4;                             // miss
                break;                                  // miss
            case 10:
                // already right
                break;                                  // hit
        }
        return result;                                  // hit
    }
}
