namespace FlowCover.Data;

/// <summary>How much of the user's source a module measures: the files and the statement lines
/// its model has, as the "measuring" line says it.</summary>
public readonly record struct MeasuredSize(int Files, int Statements)
{
    /// <summary>Counts <paramref name="model"/>'s files and lines; reads its whole model.</summary>
    public static MeasuredSize Of(ModuleModel model)
    {
        var lines = model.Methods.SelectMany(m => m.Lines.Select(l => (m.Document, l.Line))).Distinct().ToList();
        return new MeasuredSize(lines.Select(l => l.Document).Distinct().Count(), lines.Count);
    }
}
