using System.Text.Json;
using FlowCover.Data;
using FlowCover.Data.Contexts;
using FlowCover.Tests.Cli;
using Xunit;
using static FlowCover.Tests.Contexts.ContextSamples;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// The context verbs through the real CLI, over a data file and context database built from sets
/// made by hand (as a <c>--contexts</c> run would leave them): <c>who</c>, <c>report --context</c>,
/// the JSON report's contexts, <c>combine</c> and <c>erase</c>. Each line of <c>src/Service.cs</c>
/// from 10 to 29 is one statement counted by probe line - 10.
/// </summary>
public sealed class ContextVerbTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly string _folder = Directory.CreateDirectory(Scratch.Folder("context-verbs")).FullName;
    private readonly ModuleModel _model;

    public ContextVerbTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "src"));
        var source = Path.Combine(_folder, "src", "Service.cs");
        File.WriteAllLines(source, Enumerable.Range(1, 30).Select(i => $"// line {i}"));
        _model = Model(source);
    }

    /// <summary>Writes <paramref name="dataFile"/> (its hits: what any context ran) and its context database.</summary>
    private void Measure(string dataFile, params ContextProbeSet[] sets)
    {
        var hits = new long[_model.ProbeCount];
        foreach (var set in sets)
            for (var probe = 0; probe < hits.Length; probe++)
                hits[probe] = ContextBits.Has(set.Probes, probe) ? 1 : hits[probe];
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(_model, hits)]);
        var path = Path.Combine(_folder, dataFile);
        CoverageDataFile.Write(path, data);
        ContextDatabase.Save(ContextDatabase.PathFor(path), data, sets, append: false);
    }

    private void MeasureThree() => Measure(".flowcover",
        Set("Shop.Tests.OrderTests.Totals", null, _model, 0, 1, 2),
        Set("Shop.Tests.OrderTests.Totals", "GET /orders/{id}", _model, 2, 5),
        Set("Shop.Tests.CartTests.Adds", null, _model, 2, 3),
        Set("(setup) Shop.Tests.CartTests", null, _model, 0));

    [Fact]
    public void Who_prints_the_tests_and_routes_that_ran_a_line_sorted()
    {
        MeasureThree();

        var result = _flowcover.Run(_folder, "who", "src/Service.cs:12");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal("Shop.Tests.CartTests.Adds\nShop.Tests.OrderTests.Totals\nShop.Tests.OrderTests.Totals [GET /orders/{id}]\n", result.Output);
        Assert.Equal("(setup) Shop.Tests.CartTests\nShop.Tests.OrderTests.Totals\n", _flowcover.Run(_folder, "who", "src/Service.cs:10").Output);
        var none = _flowcover.Run(_folder, "who", Path.Combine(_folder, "src", "Service.cs") + ":29");
        Assert.Equal((0, ""), (none.ExitCode, none.Output));
    }

    [Fact]
    public void Who_json_names_the_file_line_and_each_test_with_its_route()
    {
        MeasureThree();

        var result = _flowcover.Run(_folder, "who", "Service.cs:15", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"file":"src/Service.cs","line":15,"contexts":[{"test":"Shop.Tests.OrderTests.Totals","route":"GET /orders/{id}"}]}""" + "\n", result.Output);
    }

    [Fact]
    public void Who_on_an_unknown_file_or_a_line_without_a_statement_is_one_line_and_exit_code_2()
    {
        MeasureThree();

        var unknown = _flowcover.Run(_folder, "who", "src/Other.cs:12");
        var blank = _flowcover.Run(_folder, "who", "src/Service.cs:3");
        var past = _flowcover.Run(_folder, "who", "src/Service.cs:30");
        var malformed = _flowcover.Run(_folder, "who", "src/Service.cs");

        Assert.Equal((2, "", $"flowcover: src/Other.cs: not a measured source file; name it as 'flowcover report' does (relative to {_folder}) or by its path.\n"),
            (unknown.ExitCode, unknown.Output, unknown.Error));
        Assert.Equal((2, "flowcover: src/Service.cs:3: no statement on line 3 of src/Service.cs; the nearest statement is on line 10; ask for that line.\n"), (blank.ExitCode, blank.Error));
        Assert.Equal((2, "flowcover: src/Service.cs:30: no statement on line 30 of src/Service.cs; the nearest statement is on line 29; ask for that line.\n"), (past.ExitCode, past.Error));
        Assert.Equal((2, "flowcover: src/Service.cs: not a FILE:LINE; name a source file and a line number, e.g. Services/FxService.cs:42.\n"), (malformed.ExitCode, malformed.Error));
    }

    [Fact]
    public void Who_without_contexts_says_how_to_record_them()
    {
        var data = DataOf(CoverageMode.Set, _model);
        CoverageDataFile.Write(Path.Combine(_folder, ".flowcover"), data);

        var result = _flowcover.Run(_folder, "who", "src/Service.cs:12");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flowcover: .flowcover.contexts: no contexts were recorded for .flowcover; measure with 'flowcover test --contexts test' or 'flowcover run --contexts test -- ...' first.\n", result.Error);
    }

    [Fact]
    public void Report_context_shows_only_what_the_matching_tests_and_routes_ran()
    {
        MeasureThree();

        var carts = _flowcover.Run(_folder, "report", "--show-missing", "--context", "CartTests");
        var route = _flowcover.Run(_folder, "report", "--show-missing", "--context", "^GET /orders");
        var all = _flowcover.Run(_folder, "report", "--show-missing");

        Assert.Equal(0, carts.ExitCode);
        Assert.Equal("src/Service.cs 20 17 15% 11, 14-29", Row(carts.Output));
        Assert.Equal("src/Service.cs 20 18 10% 10-11, 13-14, 16-29", Row(route.Output));
        Assert.Equal("src/Service.cs 20 15 25% 14, 16-29", Row(all.Output));
    }

    /// <summary>The table's row of the source file, its columns one space apart.</summary>
    private static string Row(string table) =>
        string.Join(' ', table.Split('\n').Single(l => l.StartsWith("src/Service.cs", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Report_context_matching_nothing_or_not_a_pattern_is_one_line()
    {
        MeasureThree();

        var nothing = _flowcover.Run(_folder, "report", "--context", "InvoiceTests");
        var invalid = _flowcover.Run(_folder, "report", "--context", "Totals(");

        Assert.Equal((2, "", "flowcover: --context InvoiceTests: matches none of the 4 contexts recorded in .flowcover.contexts; 'flowcover who FILE:LINE' shows their names.\n"),
            (nothing.ExitCode, nothing.Output, nothing.Error));
        Assert.Equal(2, invalid.ExitCode);
        Assert.StartsWith("flowcover: --context Totals(: not a regular expression (", invalid.Error);
        Assert.Single(invalid.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_json_report_lists_the_contexts_and_indexes_them_per_line()
    {
        MeasureThree();

        var result = _flowcover.Run(_folder, "json", "-o", "-");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(
            ["(setup) Shop.Tests.CartTests|", "Shop.Tests.CartTests.Adds|", "Shop.Tests.OrderTests.Totals|", "Shop.Tests.OrderTests.Totals|GET /orders/{id}"],
            json.RootElement.GetProperty("contexts").EnumerateArray().Select(c => c.GetProperty("test").GetString() + "|" + c.GetProperty("route").GetString()));
        var lines = json.RootElement.GetProperty("files").GetProperty("src/Service.cs").GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("line").GetInt32(), l => l.GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([0, 2], lines[10]);
        Assert.Equal([1, 2, 3], lines[12]);
        Assert.Equal([3], lines[15]);
        Assert.Equal([], lines[16]);

        var limited = JsonDocument.Parse(_flowcover.Run(_folder, "json", "-o", "-", "--context", "CartTests").Output);
        Assert.Equal(2, limited.RootElement.GetProperty("contexts").GetArrayLength());
        Assert.Equal(3, limited.RootElement.GetProperty("totals").GetProperty("covered_lines").GetInt32()); // lines 10, 12, 13
    }

    [Fact]
    public void Endpoints_lists_each_route_with_the_methods_it_reached()
    {
        MeasureThree();

        var result = _flowcover.Run(_folder, "endpoints");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal(
            "GET /orders/{id}: 1 method(s) reached, 2 of their 20 statements run, 10% covered\n" +
            "  Method                           Stmts  Miss Cover\n" +
            "  Service.Run (src/Service.cs:10)     20    18   10%\n", result.Output);
    }

    [Fact]
    public void Combine_merges_the_context_databases_and_erase_removes_them()
    {
        Measure("a.flowcover", Set("Shop.Tests.A.One", null, _model, 4));
        Measure("b.flowcover", Set("Shop.Tests.B.Two", null, _model, 4), Set("Shop.Tests.A.One", null, _model, 6));

        var combine = _flowcover.Run(_folder, "combine", "a.flowcover", "b.flowcover");

        Assert.Equal(0, combine.ExitCode);
        Assert.Contains("Combined their contexts into .flowcover.contexts.", combine.Output);
        Assert.Equal("Shop.Tests.A.One\nShop.Tests.B.Two\n", _flowcover.Run(_folder, "who", "src/Service.cs:14").Output);
        Assert.Equal("Shop.Tests.A.One\n", _flowcover.Run(_folder, "who", "src/Service.cs:16").Output);

        Assert.Equal(0, _flowcover.Run(_folder, "erase").ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, ".flowcover.contexts")));
    }
}
