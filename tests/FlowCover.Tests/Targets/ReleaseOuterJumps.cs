// methods: Target.Run, Target.Label, Target.Next, Target.List, Target.Configure, Target.Email, Target.Emph, Target.Cursor.Cursor, Target.Cursor.More.get, Target.Cursor.Open, Target.Culture.Culture
namespace FlowCover.Targets.ReleaseOuterJumps;

// Jumps Release compiles to nothing in shapes the source model first could not read (Markdig,
// CsvHelper): a jump after a statement that holds jumps of its own bound elsewhere (`continue;`,
// `goto label;`: Markdig BlockProcessor.cs:841, LinkHelper.cs:1554, StringLineGroup.cs:430); a
// `break;` onto a `for`, whose code starts at `var i = 0` (ListRenderer.cs:33); a break-only
// section of a string `switch` ending a `foreach` over an array, which goes on at a hidden
// increment (MarkdownExtensions.cs:572); a `break;` into the method's end (CultureInfoAttribute.cs:47);
// `if (a == 0 || b) { break; }` evaluated eagerly (LinkHelper.cs:348); `goto` onto a label whose
// first statement is a call compiled to nothing (EmphasisInlineParser.cs:388). Each is a line in
// both builds, hit exactly when it ran.
public static class Target
{
    public static void Run()
    {
        new Cursor(new[] { 7, -7, 0 }).Open();          // hit
        new Cursor(new[] { 1 }).Open();                 // hit
        Label("ab]");                                   // hit
        Label("  ]");                                   // hit
        Next(1, 0);                                     // hit
        Next(3, 0);                                     // hit
        List("7", '1', 2);                              // hit
        Configure("common+x");                          // hit
        Email("ab>");                                   // hit
        Email(">");                                     // hit
        Emph(3, 3, 2);                                  // hit
        new Culture("Invariant");                       // hit
        new Culture("other");                           // hit
    }

    private sealed class Cursor
    {
        private readonly int[] _values;
        private int _index;

        public Cursor(int[] values)
        {
            _values = values;                           // hit
        }

        private bool More => _index < _values.Length;   // hit

        public void Open()
        {
            while (More)                                // hit br=1/2
            {
                var x = _values[_index++];              // hit
                if (x > 0)                              // hit br=2/2
                {
                    if (x > 5)                          // hit br=2/2
                    {
                        _index += 0;                    // hit
                        continue;                       // hit
                    }
                }
                if (x < 0 && More)                      // hit br=3/4
                {
                    if (x < -5)                         // hit br=1/2
                    {
                        _index += 0;                    // hit
                        continue;                       // hit
                    }
                }
                break;                                  // hit
            }
        }
    }

    private static bool Label(string s)
    {
        var i = 0;                                      // hit
        var length = 0;                                 // hit
        while (true)                                    // hit
        {
            var c = i < s.Length ? s[i++] : '\0';       // hit br=1/2
            if (c == '\0')                              // hit br=1/2
            {
                break;                                  // miss
            }
            if (c == ']')                               // hit br=2/2
            {
                if (length > 0)                         // hit br=2/2
                {
                    if (length <= 999)                  // hit br=1/2
                    {
                        length++;                       // hit
                        goto ReturnValid;               // hit
                    }
                }
                break;                                  // hit
            }
            if (c != ' ')                               // hit br=2/2
                length++;                               // hit
        }
        return false;                                   // hit
    ReturnValid:
        return length > 0;                              // hit
    }

    private static int Next(int newLine, int offset)
    {
        var current = 'a';                              // hit
        if (offset == 0)                                // hit br=1/2
        {
            if (newLine == 1)                           // hit br=2/2
            {
                current = '\n';                         // hit
                goto MoveToNewLine;                     // hit
            }
            else if (newLine == 2)                      // hit br=1/2
            {
                current = '\r';                         // miss
                goto MoveToNewLine;                     // miss
            }
        }
        goto Return;                                    // hit
    MoveToNewLine:
        offset++;                                       // hit
    Return:
        return current + offset;                        // hit
    }

    private static int List(string start, char bullet, int count)
    {
        int index = 0;                                  // hit
        if (start != null)                              // hit br=1/2
        {
            switch (bullet)                             // hit br=1/2
            {
                case '1':
                    int.TryParse(start, out index);     // hit
                    break;                              // hit
            }
        }
        for (var i = 0; i < count; i++)                 // hit br=2/2
        {
            index += i;                                 // hit
        }
        return index;                                   // hit
    }

    private static int Configure(string extensions)
    {
        var n = 0;                                      // hit
        foreach (var extension in extensions.Split('+'))    // hit br=2/2
        {
            switch (extension.ToLowerInvariant())      // hit br=2/3
            {
                case "common":
                    break;                              // hit
                case "advanced":
                    n += 2;                             // miss
                    break;                              // miss
                default:
                    n += 100;                           // hit
                    break;                              // hit
            }
        }
        return n;                                       // hit
    }

    private static int Email(string text)
    {
        var i = 0;                                      // hit
        var count = 0;                                  // hit
        var hasMinus = false;                           // hit
        while (true)                                    // hit
        {
            var c = i < text.Length ? text[i++] : '\0'; // hit br=1/2
            if (c == '>')                               // hit br=2/2
            {
                if (count == 0 || hasMinus)             // hit br=3/4
                {
                    break;                              // hit
                }
                return count;                           // hit
            }
            if (char.IsLetter(c) || (count > 0 && (hasMinus = c == '-')))   // hit br=1/6
            {
                count++;                                // hit
            }
            else
            {
                break;                                  // miss
            }
        }
        return -1;                                      // hit
    }

    private static int Emph(int open, int close, int minimum)
    {
        var result = 0;                                 // hit
        for (var i = 0; i < 3; i++)                     // hit br=1/2
        {
            if (open > 0)                               // hit br=1/2
            {
            process_delims:
                System.Diagnostics.Debug.Assert(open >= 0);
                result += open;                         // hit
                open--;                                 // hit
                if (open == 0)                          // hit br=2/2
                {
                    break;                              // hit
                }
                if (open >= minimum && close >= minimum)    // hit br=3/4
                {
                    goto process_delims;                // hit
                }
                else if (close > 0)                     // hit br=1/2
                {
                    result--;                           // hit
                }
            }
            else
            {
                break;                                  // miss
            }
        }
        return result;                                  // hit
    }

    private sealed class Culture
    {
        public string Name { get; private set; }

        public Culture(string name)
        {
            switch (name)                               // hit br=2/3
            {
                case "Invariant":
                    Name = "";                          // hit
                    break;                              // hit
                case "Current":
                    Name = "current";                   // miss
                    break;                              // miss
                default:
                    Name = name;                        // hit
                    break;                              // hit
            }
        }
    }
}
