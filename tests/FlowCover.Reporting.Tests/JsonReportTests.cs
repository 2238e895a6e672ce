using System.Text.Json.Nodes;
using FlowCover.Data;
using FlowCover.Reporting.Tests.Fixtures;
using Json.Schema;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class JsonReportTests
{
    private static readonly JsonReportOptions Options = new() { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };

    [Fact]
    public void Output_is_exact()
    {
        var line = new LineResult(3, 2, [new OutcomeResult("true", 4, 2), new OutcomeResult("false", 0, 0)]);
        var missed = new LineResult(4, 0, []);
        var file = new FileResult("/src/app/Gate.cs", "Gate.cs", "App", [line, missed], [new MethodResult("App.Gate<T>", "Gate<T>.Open", 2, [line, missed]) { Complexity = 2 }]);
        var json = JsonReport.Render(new CoverageResult(CoverageMode.Count, [file]), Options with { PrettyPrint = true });
        Assert.Equal(
            """
            {
              "meta": {
                "format": "flowcover-report",
                "format_version": 1,
                "tool": "FlowCover",
                "tool_version": "VERSION",
                "timestamp": "2023-11-14T22:13:20Z",
                "mode": "count"
              },
              "files": {
                "Gate.cs": {
                  "path": "/src/app/Gate.cs",
                  "assembly": "App",
                  "stale": false,
                  "summary": {
                    "num_statements": 2,
                    "covered_lines": 1,
                    "missing_lines": 1,
                    "num_branches": 2,
                    "covered_branches": 1,
                    "missing_branches": 1,
                    "num_partial_branches": 1,
                    "percent_covered": 50,
                    "percent_covered_display": "50"
                  },
                  "executed_lines": [
                    3
                  ],
                  "missing_lines": [
                    4
                  ],
                  "lines": [
                    {
                      "line": 3,
                      "hits": 2,
                      "branches": [
                        {
                          "label": "true",
                          "target_line": 4,
                          "hits": 2
                        },
                        {
                          "label": "false",
                          "target_line": 0,
                          "hits": 0
                        }
                      ]
                    },
                    {
                      "line": 4,
                      "hits": 0,
                      "branches": []
                    }
                  ],
                  "methods": [
                    {
                      "name": "Gate<T>.Open",
                      "type": "App.Gate<T>",
                      "first_line": 2,
                      "complexity": 2,
                      "summary": {
                        "num_statements": 2,
                        "covered_lines": 1,
                        "missing_lines": 1,
                        "num_branches": 2,
                        "covered_branches": 1,
                        "missing_branches": 1,
                        "num_partial_branches": 1,
                        "percent_covered": 50,
                        "percent_covered_display": "50"
                      },
                      "executed_lines": [
                        3
                      ],
                      "missing_lines": [
                        4
                      ]
                    }
                  ]
                }
              },
              "totals": {
                "num_statements": 2,
                "covered_lines": 1,
                "missing_lines": 1,
                "num_branches": 2,
                "covered_branches": 1,
                "missing_branches": 1,
                "num_partial_branches": 1,
                "percent_covered": 50,
                "percent_covered_display": "50"
              }
            }
            """.Replace("VERSION", ToolVersion.Current).ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void Compact_by_default_and_totals_match_the_table()
    {
        var json = JsonReport.Render(Shop.Result(), Options with { Precision = 1 });
        Assert.DoesNotContain("\n", json);
        var totals = JsonNode.Parse(json)!["totals"]!;
        Assert.Equal(21, (int)totals["num_statements"]!);
        Assert.Equal(15, (int)totals["covered_lines"]!);
        Assert.Equal(100.0 * 23 / 34, (double)totals["percent_covered"]!);
        Assert.Equal("67.6", (string)totals["percent_covered_display"]!);
        var files = JsonNode.Parse(json)!["files"]!.AsObject().Select(p => p.Key);
        Assert.Equal(["Contracts/IClock.cs", "Data/Repo.cs", "Services/OrderService.cs", "Util.cs"], files);
    }

    [Fact]
    public void Real_output_is_valid_against_the_published_schema()
    {
        var schema = Schema();
        foreach (var pretty in new[] { false, true })
        {
            var result = schema.Evaluate(JsonNode.Parse(JsonReport.Render(Shop.Result(), Options with { PrettyPrint = pretty })), Evaluation);
            Assert.True(result.IsValid, Errors(result));
        }
        var set = new CoverageResult(CoverageMode.Set, []);
        Assert.True(schema.Evaluate(JsonNode.Parse(JsonReport.Render(set, Options)), Evaluation).IsValid);
    }

    [Fact]
    public void The_schema_rejects_what_the_format_does_not_allow()
    {
        // A check that the validator really validates: a report with a bad field must fail.
        var json = JsonNode.Parse(JsonReport.Render(Shop.Result(), Options))!;
        json["files"]!["Util.cs"]!["lines"]![0]!["hits"] = -1;
        json["meta"]!["format_version"] = 2;
        var result = Schema().Evaluate(json, Evaluation);
        Assert.False(result.IsValid);
    }

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static JsonSchema Schema() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flowcover-report.schema.json")));

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
}
