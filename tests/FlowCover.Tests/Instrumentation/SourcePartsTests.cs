using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowCover.Instrumentation.Source;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A large source file is parsed in parts (<see cref="SourcePartition"/>, <see cref="SourceTrees"/>),
/// and every lookup on it answers as it does on the file parsed whole: the scan cuts only between
/// whole declarations, past strings, comments, interpolations and <c>#if</c>/<c>#region</c> blocks
/// holding braces, and each part's tree stands at the file's positions.
/// </summary>
public sealed class SourcePartsTests
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, Microsoft.CodeAnalysis.DocumentationMode.None, preprocessorSymbols: ["DEBUG"]);

    [Fact]
    public void Each_part_parses_alone_without_errors_and_the_parts_tile_the_types()
    {
        var text = LargeFile();
        var parts = SourcePartition.Of(text, SourceTrees.PartLength);

        Assert.NotNull(parts);
        Assert.True(parts.Count >= 8, $"{parts.Count} parts");
        foreach (var part in parts)
        {
            var root = CSharpSyntaxTree.ParseText(text.Substring(part.Start, part.Length), Options).GetRoot();
            Assert.False(root.ContainsDiagnostics, $"part {part}: {string.Join("; ", root.GetDiagnostics())}");
        }
        for (var k = 1; k < parts.Count; k++)
            Assert.True(parts[k].Start >= parts[k - 1].End);
        // The first type of the namespace starts a part, its last ends one, and the type after
        // the namespace is a part of its own; the nested namespace is in none.
        Assert.StartsWith("/* T0 ", text[parts[0].Start..]);
        Assert.Contains(parts, p => text[p.Start..p.End].EndsWith("public enum E399 { A, B }\n", StringComparison.Ordinal));
        Assert.StartsWith("\npublic static class After", text[parts[^1].Start..parts[^1].End]);
        Assert.DoesNotContain(parts, p => text[p.Start..p.End].Contains("namespace Inner", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_defines_a_symbol_is_parsed_whole()
    {
        Assert.Null(SourcePartition.Of("#define EXTRA\n" + LargeFile(), SourceTrees.PartLength));
    }

    [Fact]
    public void Every_lookup_on_a_file_read_in_parts_answers_as_on_the_whole_file()
    {
        // Every seventh line: the types are alike and 7 is prime to their length, so each kind
        // of line is asked in many parts, at a seventh of the cost. The first parts were let go
        // as the lookups moved on: asked again at the end, they are parsed again.
        var asked = AssertSameAnswers(LargeFile(), step: 7, againUpTo: 400);
        Assert.True(asked > 2_000, $"{asked} positions asked");
    }

    [Fact]
    public void A_part_cut_inside_a_declaration_is_answered_by_the_whole_file()
    {
        // An attribute whose brace ends a line: the scan takes that line's end for the end of a
        // declaration, and a part cut there does not parse without errors.
        var text = LargeFile().Replace("[Obsolete(\"}\")]\n", "[System.ComponentModel.DefaultValue(new int[] { 1 }\n)]\n", StringComparison.Ordinal);
        var parts = SourcePartition.Of(text, SourceTrees.PartLength)!;
        Assert.Contains(parts, p => CSharpSyntaxTree.ParseText(text.Substring(p.Start, p.Length), Options).GetRoot().ContainsDiagnostics);

        var asked = AssertSameAnswers(text, step: 11, againUpTo: 0);
        Assert.True(asked > 1_000, $"{asked} positions asked");
    }

    /// <summary>Asks every lookup at each token start of every <paramref name="step"/>-th line of
    /// <paramref name="text"/>, read whole and in parts, and then again up to line
    /// <paramref name="againUpTo"/>; asserts the answers equal and returns how many positions
    /// were asked.</summary>
    private static int AssertSameAnswers(string text, int step, int againUpTo)
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowcover-parts-{Environment.ProcessId}-{Guid.NewGuid():N}.cs");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        try
        {
            var hash = SHA256.HashData(File.ReadAllBytes(path));
            var whole = SourceDocument.Read(path, "SHA256", hash, ["DEBUG"], int.MaxValue)!;
            var parted = SourceDocument.Read(path, "SHA256", hash, ["DEBUG"], 0)!;
            var lines = text.Split('\n');
            var asked = 0;
            foreach (var line in Enumerable.Range(1, lines.Length / step).Select(k => k * step)
                .Concat(Enumerable.Range(1, againUpTo / step).Select(k => k * step)))
                foreach (var column in Columns(lines[line - 1]))
                {
                    Assert.Equal(Answers(whole, line, column, lines[line - 1].Length), Answers(parted, line, column, lines[line - 1].Length));
                    asked++;
                }
            return asked;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The columns (1-based) where a token starts after white space or punctuation: the
    /// places sequence points start.</summary>
    private static IEnumerable<int> Columns(string line)
    {
        for (var k = 0; k < line.Length; k++)
            if (!char.IsWhiteSpace(line[k]) && (k == 0 || !char.IsLetterOrDigit(line[k - 1]) && line[k - 1] != '_'))
                yield return k + 1;
    }

    private static string Answers(SourceDocument document, int line, int column, int length) => JsonSerializer.Serialize(new object?[]
    {
        document.BodyStartLine(line, column),
        document.IsLabel(line, column),
        document.IsConstructorSignature(line, column),
        document.IsForEachIn(line, column),
        document.IsEmptyStatement(line, column),
        document.CatchAround(line, column),
        document.LockAround(line, column),
        document.SwitchHeaderBefore(line, column),
        document.ConstantArmsConditional(line, column),
        document.PrimaryConstructor(line, column, ["X"]),
        document.PartInitializersAround(line, column),
        document.ConditionsOf(line, column, line, length + 1),
        document.PatternValuesOf(line, column, line, length + 1),
        document.SwitchOutcomeAt(line, line, column, integer: 1),
        document.PlainJumps(line, column).ToList(),
        document.GuardedJumps(line, column).ToList(),
        document.JumpsAfterIf(line, column).Select(j => new[] { j.Line, j.IfLine, j.IfColumn, j.IfEndLine }).ToList(),
        document.PassThroughStatements(line, column).ToList(),
        document.UnreachableStatementLines(line, column).ToList(),
    }, new JsonSerializerOptions { IncludeFields = true });

    /// <summary>About 700 K characters: a namespace of 400 types full of braces in strings,
    /// characters, comments and interpolations, a nested namespace, and types after it.</summary>
    internal static string LargeFile()
    {
        var text = new StringBuilder("using System;\nusing System.IO;\n\nnamespace Outer.Space\n{\n");
        for (var k = 0; k < 400; k++)
        {
            if (k == 200)
                text.Append("namespace Inner { public class Nested { public int N(int x) { if (x > 0) return 1; return 0; } } }\n");
            text.Append(Type(k));
        }
        text.Append("}\n\npublic static class After\n{\n    public static int A(int x) => x > 0 ? 1 : 0;\n}\n");
        return text.ToString();
    }

    private static string Type(int k) => """"
        /* TNN a comment with { braces } and "quotes" */
        [Obsolete("}")]
        public class TNN : IDisposable
        {
            private readonly string _s = "}{\"";
            private readonly string _v = @"verbatim "" { ";
            private readonly string _r = """
                raw { } " "" namespace X {
                """;
            private readonly char _c = '{';
            private readonly char _q = '\'';
            private int _zero = 0;
            public int M(int x, string s)
            {
                var t = $"{x} {{ {(x > 0 ? "a}" : $"{s}")} }}";
                // a line comment }
                if (x > 1 && s != null) { t += "x"; } else if (x < -1 || s is { Length: > 3 }) t = null;
                for (var i = 0; i < x; i++) { if (i == 3) continue; if (i == 5) break; }
                foreach (var c in s) { if (c == 'a') { break; } }
                switch (x % 3) { case 0: return 1; case 1: goto case 0; default: break; }
                while (true) { if (x-- < 0) break; }
                try { found: ; return s is { Length: > 0 } ? 1 : 0; } catch (IOException e) when (e.Message != null) { return 2; }
                lock (this) { return x switch { 1 => 2, > 5 and < 9 => 3, _ => 4 }; }
            }
            public TNN(int x) { _zero = x is 1 or 2 or 3 ? 1 : 0; }
            public void Dispose() { }
        #region r
            public int P => _s.Length > 2 ? 1 : 0; // }
        #endregion
        #if DEBUG
            public int D() { return 1; }
        #else
            public int D() { return 2; }
        #endif
        }
        public record RNN(int X, int Y);
        public record struct SNN(int X);
        public enum ENN { A, B }

        """".Replace("NN", k.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
