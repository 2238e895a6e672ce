using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release and Debug: a <c>catch (X e)</c> clause has no point of its own. Shape: a catch clause;
/// IL read: its handler's first instruction (or, where an <c>await</c> in the catch moves its body
/// after the try, the first point after the handler). The clause ran when its handler started.
/// </summary>
internal static class CatchClauseLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): the body has a catch handler.</summary>
    public static bool MayApply(SyntaxLook look)
    {
        foreach (var handler in look.Method.Method.Body.ExceptionHandlers)
            if (handler.HandlerType == ExceptionHandlerType.Catch)
                return true;
        return false;
    }

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, document, lines, sourced) = (hidden.Method, hidden.Syntax, hidden.Document, hidden.Lines, hidden.Sourced);
        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            if (handler.HandlerType != ExceptionHandlerType.Catch || ClauseOf(method, syntax, handler, document) is not { } clause
                || (clause.TypeName ?? "Object") != SimpleName(handler.CatchType) || hidden.Known(clause.Line))
                continue;
            // The clause runs exactly when its handler starts.
            if (lines.FirstOrDefault(l => l.At == handler.HandlerStart) is { } atStart)
                sourced.Add(new SourcedLine(clause.Line, document, atStart, []));
            else
                lines.Add(new LineSite(handler.HandlerStart, clause.Line, document));
        }
    }

    /// <summary>The catch clause a handler is: the one around the handler's first statement; for
    /// a handler with none (Release, an <c>await</c> in the catch: the handler only stashes the
    /// exception, and the catch body runs after the try), the one around the first statement
    /// after the handler, if that clause belongs to the try the handler protects.</summary>
    private static CatchClauseFact? ClauseOf(MethodContext method, SourceDocument syntax, ExceptionHandler handler, string document)
    {
        // The syntax speaks only of its own file: a point in another file (a partial class's
        // constructor) names no clause here.
        if (VisiblePoints.FirstPoint(method, handler.HandlerStart, handler.HandlerEnd) is { } point)
            return point.Document.Url == document ? syntax.CatchAround(point.StartLine, point.StartColumn) : null;
        return VisiblePoints.FirstPoint(method, handler.HandlerEnd, null) is { } after && VisiblePoints.FirstPoint(method, handler.TryStart, handler.TryEnd) is { } inTry
            && after.Document.Url == document && inTry.Document.Url == document
            ? syntax.CatchOfTry(after.StartLine, after.StartColumn, inTry.StartLine, inTry.StartColumn)
            : null;
    }

    private static string SimpleName(TypeReference? type)
    {
        var name = type?.Name ?? "Object";
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
