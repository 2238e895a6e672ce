namespace FlowCover.Data;

/// <summary>
/// Whether data read from a file has the shape every reader of it relies on: no missing
/// parts, every probe index inside its module's counters, every document index inside its
/// module's documents, one counter per probe. JSON that parses can still break all of these
/// (a <c>null</c> where a module is, an edited probe number), and a report would then fail
/// far from the file that caused it; checked once on reading, a bad file is named instead.
/// </summary>
public static class CoverageDataShape
{
    /// <summary>What is wrong with <paramref name="data"/>, or null when nothing is.</summary>
    public static string? Problem(CoverageData data)
    {
        if (data.Modules is null)
            return "no list of modules";
        if (!Enum.IsDefined(data.Mode))
            return $"unknown mode {(int)data.Mode}";
        for (var m = 0; m < data.Modules.Count; m++)
        {
            var module = data.Modules[m];
            if (module is null)
                return $"module {m} is empty";
            if (module.Model is null)
                return $"module {m} has no model";
            if (Problem(module.Model) is { } problem)
                return $"module {m}: {problem}";
            if (module.Hits is null)
                return $"module {m} has no hits";
            if (module.Hits.Count != module.Model.ProbeCount)
                return $"module {m} has {module.Hits.Count} counters for {module.Model.ProbeCount} probes";
            for (var h = 0; h < module.Hits.Count; h++)
                if (module.Hits[h] < 0)
                    return $"module {m} has a negative count";
        }
        return null;
    }

    /// <summary>What is wrong with <paramref name="model"/>, or null when nothing is.</summary>
    public static string? Problem(ModuleModel model)
    {
        if (string.IsNullOrEmpty(model.Key) || string.IsNullOrEmpty(model.AssemblyName) || model.ContentHash is null)
            return "no key, assembly name or hash";
        if (model.ProbeCount < 0)
            return "a negative probe count";
        if (model.Documents is null || model.Documents.Any(d => d is null))
            return "no list of documents";
        if (model.Methods is null)
            return "no list of methods";
        foreach (var method in model.Methods)
        {
            if (method is null || method.TypeName is null || method.Name is null || method.Lines is null || method.Branches is null)
                return "a method without its names, lines or branches";
            if ((uint)method.Document >= (uint)model.Documents.Count)
                return $"{method.Name} names document {method.Document} of {model.Documents.Count}";
            foreach (var line in method.Lines)
                if (line.Line < 0 || !Inside(line.Probes, model.ProbeCount))
                    return $"{method.Name} has line {line.Line} with a probe out of range";
            foreach (var branch in method.Branches)
            {
                if (branch.Outcomes is null || branch.Line < 0)
                    return $"{method.Name} has a branch without outcomes";
                foreach (var outcome in branch.Outcomes)
                    if (outcome.Label is null || !Inside(outcome.Probes, model.ProbeCount))
                        return $"{method.Name} has a branch outcome on line {branch.Line} without a label or with a probe out of range";
            }
        }
        return null;
    }

    private static bool Inside(ProbeList probes, int probeCount)
    {
        foreach (var probe in probes)
            if ((uint)probe >= (uint)probeCount)
                return false;
        return true;
    }
}
