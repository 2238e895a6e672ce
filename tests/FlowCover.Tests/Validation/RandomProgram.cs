namespace FlowCover.Tests.Validation;

/// <summary>
/// Writes a random C# program from a seed, the same program for the same seed: methods (plain,
/// iterator and async) of nested if/else, loops with break and continue, switches with stacked
/// labels, try/catch/finally, catch filters, goto, lock, short-circuit and ?: conditions,
/// patterns, ?? and ?., and statements that throw, each method called on a few random inputs
/// from a public static <c>Target.Run</c>. Every loop is bounded, and Run catches what a call
/// throws. For the differential tests: no annotations, only code shaped the way users write it.
/// </summary>
internal sealed class RandomProgram
{
    private enum Kind { Sync, Iterator, Async }

    private static readonly string[] SimpleConditions =
    [
        "x > 1", "y < 2", "f", "!f", "(x & 1) == 0", "t % 3 == 0", "x == y", "t > 4", "arr[y & 3] > 0", "Leaf(x) > 0",
        "Ratio(y) > 2", "y != 0", "x < 0", "arr.Length > 1", "n > 2", "n is null", "s == \"a\"", "s?.Length > 1",
        "x is > 1 and < 5", "f && q", "f || q", "(s ?? \"\").Length > 0", "s is { Length: > 2 }", "o is string", "n is 1 or 3",
        "arr is [_, ..]",
    ];

    private static readonly string[] SimpleStatements =
    [
        "t += x;", "t = t * 3 + y;", "x--;", "y = y ^ t;", "t++;", "t += arr[x & 3];", "t += 12 / (y - 1);", "t += Leaf(x);",
        "Boom(t);", "t += Ratio(x);", "t = x > 0 ? t + 1 : t - 1;", "t = f ? Leaf(t) : Ratio(t);", "y++;",
        "t += (x & 1) == 0 ? 2 : 3;", "t = t % 2 == 0 ? t / 2 : 3 * t + 1;", "t += n ?? 1;", "t += s?.Length ?? -1;",
        "t += x switch { 0 => 1, 1 => 2, _ => 3 };", "n ??= 4;", "t += s switch { \"a\" => 1, null => 2, _ => 0 };", "t += h(x);",
        "q = !q;", "t += (o as string)?.Length ?? 0;",
    ];

    private static readonly string[] AwaitStatements =
        ["await Task.Yield();", "t += await Task.FromResult(x);", "await Task.CompletedTask;", "if (await Task.FromResult(x > 1))"];

    private static readonly string[][] InputValues =
    [
        ["-1", "0", "1", "2", "3"], ["0", "1", "2", "5"], ["true", "false"], ["new[] { 1, 2, 3 }", "new int[0]", "new[] { 0, -1, 5 }"],
        ["null", "1", "3"], ["null", "\"a\"", "\"abc\""], ["null", "1", "5", "\"x\""], ["true", "false"], ["0"], ["0"],
    ];

    private readonly Random _random;
    private readonly List<string> _lines = [];
    private Kind _kind;
    private int _names, _inTryWithCatch, _inCatch, _inFinally, _inLock;
    private bool _lambdaDeclared;

    private RandomProgram(int seed) => _random = new Random(seed);

    /// <summary>The source of a program of <paramref name="methods"/> methods.</summary>
    public static string Write(int seed, int methods) => new RandomProgram(seed).Program(methods);

    private string Program(int methods)
    {
        foreach (var line in new[] { "#nullable disable", "using System;", "using System.Collections.Generic;", "using System.Threading.Tasks;", "namespace FlowCover.Targets.Random;", "public static class Target", "{" })
            Emit(0, line);
        Emit(1, "private static int Leaf(int v) => v >= 2 ? v - 2 : v;");
        Emit(1, "private static int Ratio(int d) => 10 / d;");
        Emit(1, "private static void Boom(int v)");
        Emit(1, "{");
        Emit(2, "if (v == 3)");
        Emit(3, "throw new InvalidOperationException();");
        Emit(1, "}");
        var calls = new List<string>();
        for (var m = 0; m < methods; m++)
        {
            _kind = Pick([Kind.Sync, Kind.Iterator, Kind.Async]);
            var returns = _kind switch { Kind.Sync => "static int", Kind.Iterator => "static IEnumerable<int>", _ => "static async Task<int>" };
            Emit(1, $"private {returns} M{m}(int x, int y, bool f, int[] arr, int? n, string s, object o, bool q, int t, int c)");
            Emit(1, "{");
            _lambdaDeclared = false;
            if (_random.NextDouble() < 0.35)
            {
                // A loop as the method's first code: in Release its body starts at IL_0000, where
                // the call itself is a way in beside the back edge. The parameter c bounds it.
                Emit(2, "do");
                Braced(2, 0, inLoop: true);
                Emit(2, $"while (({Condition()}) && ++c < 3);");
            }
            Emit(2, "Func<int, int> h = v => v > 1 ? v : -v;");
            _lambdaDeclared = true;
            Block(2, 0, inLoop: false);
            Block(2, 0, inLoop: false);
            Emit(2, _kind == Kind.Iterator ? "yield return t;" : "return t;");
            Emit(1, "}");
            for (var c = _random.Next(1, 7); c > 0; c--)
            {
                var call = $"M{m}({string.Join(", ", InputValues.Select(Pick))})";
                calls.Add(_kind switch { Kind.Sync => call, Kind.Iterator => $"foreach (var _ in {call}) {{ }}", _ => $"{call}.GetAwaiter().GetResult()" });
            }
        }
        Emit(1, "public static void Run()");
        Emit(1, "{");
        foreach (var call in calls)
            Emit(2, $"try {{ {call}; }} catch (Exception) {{ }}");
        Emit(1, "}");
        Emit(0, "}");
        return string.Join('\n', _lines) + "\n";
    }

    private void Block(int indent, int depth, bool inLoop)
    {
        for (var n = _random.Next(1, 4); n > 0; n--)
            Statement(indent, depth, inLoop);
    }

    private void Braced(int indent, int depth, bool inLoop)
    {
        Emit(indent, "{");
        Block(indent + 1, depth + 1, inLoop);
        Emit(indent, "}");
    }

    private void Statement(int indent, int depth, bool inLoop)
    {
        if (depth >= 3 || _random.NextDouble() < 0.35)
        {
            SimpleStatement(indent);
            return;
        }
        var r = _random.NextDouble();
        if (r < 0.25)
            IfElse(indent, depth, inLoop);
        else if (r < 0.35)
            While(indent, depth);
        else if (r < 0.45)
        {
            var i = Fresh("i");
            Emit(indent, $"for (var {i} = 0; {i} < (x & 3); {i}++)");
            Braced(indent, depth, inLoop: true);
        }
        else if (r < 0.52)
        {
            var g = Fresh("g");
            Emit(indent, $"var {g} = 0;");
            Emit(indent, "do");
            Braced(indent, depth, inLoop: true);
            Emit(indent, $"while (({Condition()}) && ++{g} < 3);");
        }
        else if (r < 0.58)
        {
            var e = Fresh("e");
            Emit(indent, $"foreach (var {e} in arr)");
            Emit(indent, "{");
            Emit(indent + 1, $"t += {e};");
            Block(indent + 1, depth + 1, inLoop: true);
            Emit(indent, "}");
        }
        else if (r < 0.66)
            IntegerSwitch(indent, depth, inLoop);
        else if (r < 0.74)
            TryStatement(indent, depth);
        else if (r < 0.82 && _inFinally == 0)
        {
            Emit(indent, $"if ({Condition()})");
            Emit(indent + 1, _kind == Kind.Iterator ? "yield break;" : "return t;");
        }
        else if (r < 0.88 && inLoop)
        {
            Emit(indent, $"if ({Condition()})");
            Emit(indent + 1, Pick(["break;", "continue;"]));
        }
        else if (r < 0.94)
        {
            var b = Fresh("b");
            Emit(indent, $"var {b} = {Condition()};");
            Emit(indent, $"if ({b})");
            Emit(indent + 1, "t += 5;");
        }
        else if (r < 0.96)
        {
            Emit(indent, $"if ({Condition()})");
            Emit(indent, "{");
            Emit(indent + 1, $"if ({Condition()})");
            Emit(indent + 2, "t += 7;");
            Emit(indent + 1, "t--;");
            Emit(indent, "}");
        }
        else if (r < 0.97)
        {
            var (c, label) = (Fresh("c"), Fresh("L"));
            Emit(indent, $"var {c} = 0;");
            Emit(0, $"{label}:");
            Emit(indent, "t++;");
            Block(indent, depth + 1, inLoop: false);
            Emit(indent, $"if (++{c} < 3 && ({Condition()}))");
            Emit(indent + 1, $"goto {label};");
        }
        else if (r < 0.98)
        {
            Emit(indent, "lock (arr)");
            _inLock++;
            Braced(indent, depth, inLoop: false);
            _inLock--;
        }
        else if (r < 0.99)
            StringSwitch(indent, depth, inLoop);
        else
            FilteredCatch(indent, depth);
    }

    private void SimpleStatement(int indent)
    {
        if (_kind == Kind.Iterator && _random.NextDouble() < 0.25 && _inTryWithCatch == 0 && _inCatch == 0 && _inFinally == 0)
        {
            Emit(indent, "yield return t;");
            return;
        }
        if (_kind == Kind.Async && _random.NextDouble() < 0.25 && _inLock == 0)
        {
            var awaiting = Pick(AwaitStatements);
            Emit(indent, awaiting);
            if (awaiting.StartsWith("if", StringComparison.Ordinal))
                Emit(indent + 1, "t += 9;");
            return;
        }
        var statement = Pick(SimpleStatements);
        Emit(indent, _lambdaDeclared || !statement.Contains("h(", StringComparison.Ordinal) ? statement : "t += x;");
    }

    private void IfElse(int indent, int depth, bool inLoop)
    {
        Emit(indent, $"if ({Condition()})");
        Braced(indent, depth, inLoop);
        if (_random.NextDouble() >= 0.4)
            return;
        if (_random.NextDouble() < 0.3)
        {
            Emit(indent, $"else if ({Condition()})");
            Braced(indent, depth, inLoop);
        }
        Emit(indent, "else");
        Braced(indent, depth, inLoop);
    }

    private void While(int indent, int depth)
    {
        var g = Fresh("g");
        Emit(indent, $"var {g} = 0;");
        Emit(indent, $"while ({Condition()})");
        Emit(indent, "{");
        if (_random.NextDouble() < 0.5)
            Block(indent + 1, depth + 1, inLoop: false);
        Emit(indent + 1, $"if (++{g} > 2)");
        Emit(indent + 2, "break;");
        if (_random.NextDouble() < 0.5)
            Block(indent + 1, depth + 1, inLoop: true);
        Emit(indent, "}");
    }

    private void IntegerSwitch(int indent, int depth, bool inLoop)
    {
        Emit(indent, Pick(["switch ((x + t) & 3)", "switch (y)", "switch (x)"]));
        Emit(indent, "{");
        var labels = Sample([0, 1, 2, 3, 5, 10, 20], _random.Next(1, 5));
        for (var i = 0; i < labels.Count;)
        {
            // One or two labels stacked on a section.
            var stacked = _random.Next(1, 3);
            foreach (var label in labels.Skip(i).Take(stacked))
                Emit(indent + 1, $"case {label}:");
            Section(indent, depth, inLoop);
            i += stacked;
        }
        if (_random.NextDouble() < 0.6)
        {
            Emit(indent + 1, "default:");
            Section(indent, depth, inLoop);
        }
        Emit(indent, "}");
    }

    private void StringSwitch(int indent, int depth, bool inLoop)
    {
        Emit(indent, "switch (s)");
        Emit(indent, "{");
        foreach (var label in Sample(["\"a\"", "\"abc\"", "\"b\"", "null", "\"zz\"", "\"q\""], _random.Next(1, 6)))
        {
            Emit(indent + 1, $"case {label}:");
            Section(indent, depth, inLoop);
        }
        if (_random.NextDouble() < 0.5)
        {
            Emit(indent + 1, "default:");
            Section(indent, depth, inLoop);
        }
        Emit(indent, "}");
    }

    private void Section(int indent, int depth, bool inLoop)
    {
        Block(indent + 2, depth + 1, inLoop);
        Emit(indent + 2, "break;");
    }

    private void TryStatement(int indent, int depth)
    {
        var withCatch = _random.NextDouble() < 0.5;
        Emit(indent, "try");
        _inTryWithCatch += withCatch ? 1 : 0;
        Braced(indent, depth, inLoop: false);
        _inTryWithCatch -= withCatch ? 1 : 0;
        if (withCatch)
        {
            Emit(indent, "catch (InvalidOperationException)");
            _inCatch++;
            Braced(indent, depth, inLoop: false);
            _inCatch--;
        }
        else
        {
            Emit(indent, "finally");
            _inFinally++;
            Braced(indent, depth, inLoop: false);
            _inFinally--;
        }
    }

    private void FilteredCatch(int indent, int depth)
    {
        Emit(indent, "try");
        _inTryWithCatch++;
        Braced(indent, depth, inLoop: false);
        _inTryWithCatch--;
        var ex = Fresh("ex");
        Emit(indent, $"catch (Exception {ex}) when ({ex} is DivideByZeroException || {Condition()})");
        _inCatch++;
        Braced(indent, depth, inLoop: false);
        _inCatch--;
    }

    private string Condition(int depth = 0)
    {
        var r = _random.NextDouble();
        if (r < 0.15 && depth < 2)
            return $"{Condition(depth + 1)} && {Condition(depth + 1)}";
        if (r < 0.28 && depth < 2)
            return $"{Condition(depth + 1)} || {Condition(depth + 1)}";
        if (r < 0.33 && depth < 2)
            return $"({Condition(depth + 1)} ? {Condition(depth + 1)} : {Condition(depth + 1)})";
        // A pattern variable needs a name of its own.
        return _random.Next(SimpleConditions.Length + 1) is var i && i < SimpleConditions.Length
            ? SimpleConditions[i]
            : $"o is int {Fresh("k")} && x > 1";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private List<T> Sample<T>(IReadOnlyList<T> items, int count) =>
        items.Select(item => (Key: _random.NextDouble(), Item: item)).OrderBy(p => p.Key).Take(count).Select(p => p.Item).ToList();

    private string Fresh(string prefix) => prefix + ++_names;

    private void Emit(int indent, string line) => _lines.Add(new string(' ', 4 * indent) + line);
}
