namespace FlowCover.Tests.Projects;

/// <summary>The three-project solution of <see cref="TemplateProjects.ThreeProjectSolution"/>,
/// made once for a test class.</summary>
public sealed class ShopSolution
{
    public string Root { get; } = TemplateProjects.ThreeProjectSolution();
    public string TestFolder => Path.Combine(Root, "tests", "Shop.Tests");
}

/// <summary>The multi-targeted solution of <see cref="TemplateProjects.MultiTargeted"/>.</summary>
public sealed class MultiTargetedSolution
{
    public string Root { get; } = TemplateProjects.MultiTargeted();
    public string TestFolder => Path.Combine(Root, "tests", "Shop.Tests");
}
