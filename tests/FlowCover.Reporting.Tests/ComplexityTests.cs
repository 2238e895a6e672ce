using FlowCover.Data;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>A method's complexity as docs/annotations.md defines it: 1, plus what each decision
/// the user wrote adds.</summary>
public sealed class ComplexityTests
{
    [Fact]
    public void A_method_without_decisions_is_1()
    {
        Assert.Equal(1, ComplexityOf([]));
    }

    [Fact]
    public void Each_decision_adds_its_outcomes_beyond_the_first()
    {
        // if (1), a switch of three cases and a default (3), a ?. (1): 1 + 5.
        Assert.Equal(6, ComplexityOf(
        [
            Decision(10, "true", "false"),
            Decision(11, "case 1", "case 2", "case 3", "default"),
            Decision(12, "null", "non-null"),
        ]));
    }

    [Fact]
    public void An_eager_chain_adds_one_per_operand_as_short_circuited_operands_do()
    {
        // a && b on plain booleans is one site with four outcomes, compiled eagerly; on calls
        // it is two decisions of two. Both are two conditions: 1 + 2.
        Assert.Equal(3, ComplexityOf([Decision(10, "left true", "left false", "right true", "right false")]));
        Assert.Equal(3, ComplexityOf([Decision(10, "true", "false"), Decision(10, "true", "false")]));
        Assert.Equal(4, ComplexityOf([Decision(10, "operand 1 true", "operand 1 false", "operand 2 true", "operand 2 false", "operand 3 true", "operand 3 false")]));
    }

    [Fact]
    public void A_decision_on_a_line_that_is_not_the_methods_adds_nothing()
    {
        Assert.Equal(2, ComplexityOf([Decision(10, "true", "false"), Decision(99, "true", "false")]));
    }

    private static int ComplexityOf(IReadOnlyList<BranchPoint> branches)
    {
        const int probes = 3;
        var method = new MethodModel("App.Gate", "Gate.Open", 0, 10, [new LineProbe(10, [0]), new LineProbe(11, [1]), new LineProbe(12, [2])], branches);
        var module = new ModuleModel("App.1", "App", "1", probes, ["/src/app/Gate.cs"], [method]);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(module, new long[probes])]);
        return CoverageAnalysis.Analyze(data, "/src/app").Files.Single().Methods.Single().Complexity;
    }

    /// <summary>Complexity does not depend on what ran: every outcome reads probe 0.</summary>
    private static BranchPoint Decision(int line, params string[] labels) =>
        new(line, labels.Select(l => new BranchOutcome([0], l, 0)).ToList());
}
