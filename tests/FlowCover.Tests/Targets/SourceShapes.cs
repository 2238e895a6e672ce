// methods: Target.Run, Target.Jump, Target.Read, Connection.Connection, Connection.Close, Point.Point, Target.Guarded, Target.Target (static)
using System;
using System.Collections.Generic;
using System.Threading;

namespace FlowCover.Targets.SourceShapes;

// Lines the PDB shows that are not statements, and statements it hides.
public readonly record struct Point(int X, int Y);     // hit

public sealed class Connection
{
    private readonly List<string> _log;

    public Connection(List<string> log)
    {
        _log = log;                                     // hit
    }

    public void Close() => _log.Add("closed");         // hit
}

public static class Target
{
    private static readonly Lock Gate = new();          // hit

    public static void Run()
    {
        var log = new List<string>();                   // hit
        var connection = new Connection(log);           // hit
        foreach (var item in Read(log))                 // hit br=2/2
            connection.Close();                         // hit
        Jump(3);                                        // hit
        Guarded(new Point(1, 2));                       // hit
    }

    private static int Jump(int n)
    {
        if (n < 0)                                      // hit br=1/2
            goto done;                                  // miss
        n++;                                            // hit
    done:
        return n;                                       // hit
    }

    private static IEnumerable<int> Read(List<string> log)
    {
        try
        {
            yield return 1;                             // hit
        }
        finally
        {
            log.Add("read");                            // hit
        }
    }

    private static int Guarded(Point point)
    {
        lock (Gate)                                     // hit
        {
            return point.X + point.Y;                   // hit
        }
    }
}
