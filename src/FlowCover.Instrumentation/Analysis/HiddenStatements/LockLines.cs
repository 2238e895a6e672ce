using Mono.Cecil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// <c>lock (gate)</c> on <see cref="System.Threading.Lock"/>, which has no point in any build.
/// IL read: the <c>Lock.EnterScope</c> call and the point before it; the line ran when the lock
/// was taken.
/// </summary>
internal static class LockLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): the body calls an <c>EnterScope</c>.</summary>
    public static bool MayApply(SyntaxLook look)
    {
        foreach (var instruction in look.Method.Instructions)
            if (instruction.Operand is MethodReference { Name: "EnterScope" })
                return true;
        return false;
    }

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, document, lines) = (hidden.Method, hidden.Syntax, hidden.Document, hidden.Lines);
        foreach (var instruction in method.Instructions)
        {
            if (instruction.Operand is not MethodReference { Name: "EnterScope", DeclaringType.FullName: "System.Threading.Lock" }
                || VisiblePoints.FirstPoint(method, instruction.Next, null) is not { } inside || inside.Document.Url != document
                || syntax.LockAround(inside.StartLine, inside.StartColumn) is not { } lockLine || hidden.Known(lockLine))
                continue;
            // Its code sits under the point before it, a brace or hidden: the lock statement is
            // where that point starts, unless that is another statement's line.
            var start = instruction;
            while (start.Previous is not null && method.PointAt(start) is null)
                start = start.Previous;
            if (!lines.Any(l => l.At == start))
                lines.Add(new LineSite(start, lockLine, document));
        }
    }
}
