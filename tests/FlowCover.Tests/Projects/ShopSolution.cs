using FlowCover.Tests.Cli;

namespace FlowCover.Tests.Projects;

/// <summary>The three-project solution of <see cref="TemplateProjects.ThreeProjectSolution"/>,
/// made once for a test class, and <c>flowcover test</c> run once from its root with no argument.</summary>
public sealed class ShopSolution
{
    public ShopSolution()
    {
        Root = TemplateProjects.ThreeProjectSolution();
        FromRootData = Scratch.Folder("root") + ".flowcover";
        FromRoot = new FlowCoverProcess().Run(Root, "test", "--data-file", FromRootData);
    }

    public string Root { get; }
    public string TestFolder => Path.Combine(Root, "tests", "Shop.Tests");
    public FlowCoverProcess.Result FromRoot { get; }
    public string FromRootData { get; }
}

/// <summary>The multi-targeted solution of <see cref="TemplateProjects.MultiTargeted"/>.</summary>
public sealed class MultiTargetedSolution
{
    public string Root { get; } = TemplateProjects.MultiTargeted();
    public string TestFolder => Path.Combine(Root, "tests", "Shop.Tests");
}
