using System.Globalization;

namespace FlowCover.Reporting;

/// <summary>
/// LCOV tracefile (<c>flowcover lcov -o coverage.lcov</c>), the format genhtml, Codecov,
/// Coveralls and editor gutters read. One record per source file, in table order:
/// <c>TN</c>, <c>SF</c>, functions (<c>FN</c>/<c>FNDA</c>/<c>FNF</c>/<c>FNH</c>), branches
/// (<c>BRDA</c>/<c>BRF</c>/<c>BRH</c>), lines (<c>DA</c>/<c>LF</c>/<c>LH</c>), <c>end_of_record</c>.
/// </summary>
/// <remarks>
/// Written in the classic syntax (<c>FN:line,name</c>, numeric branch ids) that every reader
/// accepts, from lcov 1.x to 2.x; the 2.x-only forms would be rejected by older genhtml.
/// A function's call count is the count of its first statement, which runs once per call;
/// in set mode counts are 0/1. <c>BRDA</c>'s taken count is <c>-</c> when the line never ran,
/// as the format asks, so readers tell "not reached" from "reached, went the other way".
/// </remarks>
public static class LcovReport
{
    public static void Write(CoverageResult result, TextWriter output)
    {
        foreach (var file in result.Files)
        {
            output.Write("TN:\n");
            output.Write($"SF:{file.Name}\n");
            WriteFunctions(file, output);
            WriteBranches(file, output);
            foreach (var line in file.Lines)
                output.Write(Invariant($"DA:{line.Line},{line.Hits}\n"));
            output.Write(Invariant($"LF:{file.Counts.Statements}\n"));
            output.Write(Invariant($"LH:{file.Counts.Executed}\n"));
            output.Write("end_of_record\n");
        }
    }

    private static void WriteFunctions(FileResult file, TextWriter output)
    {
        var names = FunctionNames(file.Methods);
        foreach (var (method, name) in file.Methods.Zip(names))
            output.Write(Invariant($"FN:{method.FirstLine},{name}\n"));
        foreach (var (method, name) in file.Methods.Zip(names))
            output.Write(Invariant($"FNDA:{Calls(method)},{name}\n"));
        output.Write(Invariant($"FNF:{file.Methods.Count}\n"));
        output.Write(Invariant($"FNH:{file.Methods.Count(m => m.Counts.Executed > 0)}\n"));
    }

    private static void WriteBranches(FileResult file, TextWriter output)
    {
        foreach (var line in file.Lines.Where(l => l.Outcomes.Count > 0))
        {
            for (var i = 0; i < line.Outcomes.Count; i++)
            {
                var taken = line.Covered ? line.Outcomes[i].Hits.ToString(CultureInfo.InvariantCulture) : "-";
                output.Write(Invariant($"BRDA:{line.Line},0,{i},{taken}\n"));
            }
        }
        if (file.Counts.Branches > 0)
        {
            output.Write(Invariant($"BRF:{file.Counts.Branches}\n"));
            output.Write(Invariant($"BRH:{file.Counts.TakenBranches}\n"));
        }
    }

    /// <summary>How often a method was called: its first statement's count, or 1 when only
    /// a later statement ran (a method entered by an exception handler's resume, say).</summary>
    private static long Calls(MethodResult method)
    {
        var first = method.Lines.Count > 0 ? method.Lines[0].Hits : 0;
        return first > 0 ? first : method.Lines.Any(l => l.Covered) ? 1 : 0;
    }

    /// <summary>
    /// Names unique within the file, as LCOV keys functions by name: overloads get their first
    /// line (<c>Service.Get (line 12)</c>), and a name still taken a number (<c>#2</c>). Commas
    /// separate LCOV fields, so generic arguments (<c>Map&lt;K, V&gt;</c>) are joined with
    /// <c>;</c> instead.
    /// </summary>
    private static List<string> FunctionNames(IReadOnlyList<MethodResult> methods)
    {
        var names = methods.Select(m => m.Name.Replace(", ", ";").Replace(',', ';')).ToList();
        var repeated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = repeated.Contains(names[i]) ? $"{names[i]} (line {methods[i].FirstLine})" : names[i];
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++)
                candidate = $"{name} #{n}";
            unique.Add(candidate);
        }
        return unique;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
