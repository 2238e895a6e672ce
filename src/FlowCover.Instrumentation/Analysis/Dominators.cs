using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Which instructions dominate which in one method body: <c>a</c> dominates <c>b</c> when every
/// way from an entry to <c>b</c> passes through <c>a</c>. The entries are the first instruction
/// and every handler and filter start (an exception can arrive there from anywhere in its try).
/// Computed with the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast
/// Dominance Algorithm", 2001) over instructions in reverse postorder. Edges are kept in flat
/// arrays: this runs for every method with a loop, tens of thousands in a large assembly.
/// </summary>
internal sealed class Dominators : IDisposable
{
    private const int VirtualRoot = -1;
    private const int Unreached = -2;

    private readonly MethodContext _method;
    private readonly Scratch _scratch;
    private readonly int[] _idom;
    private readonly Edges _successors;
    private readonly Edges _predecessors;

    public Dominators(MethodContext method)
    {
        _method = method;
        var count = method.Instructions.Length;
        // A body's worth of ten arrays for every method with a loop: reused (ThreadScratch).
        _scratch = ThreadScratch<Scratch>.Take();
        _scratch.Fit(count, EdgeCount(method));
        _successors = Successors(method, _scratch);
        _predecessors = _successors.Reversed(_scratch.PredecessorStarts, _scratch.PredecessorTargets, _scratch.Fill);
        var roots = new List<int> { 0 };
        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            roots.Add(method.IndexOf(handler.HandlerStart));
            if (handler.FilterStart is { } filter)
                roots.Add(method.IndexOf(filter));
        }
        var order = ReversePostorder(roots, count);
        var rank = _scratch.Rank;
        for (var i = 0; i < order.Length; i++)
            rank[order[i]] = i;
        _idom = _scratch.Idom;
        Array.Fill(_idom, Unreached, 0, count);
        foreach (var root in roots)
            _idom[root] = VirtualRoot;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in order)
            {
                if (_idom[node] == VirtualRoot)
                    continue;
                var idom = Unreached;
                foreach (var predecessor in _predecessors.Of(node))
                    if (_idom[predecessor] != Unreached)
                        idom = idom == Unreached ? predecessor : Intersect(predecessor, idom, rank);
                if (idom != _idom[node])
                {
                    _idom[node] = idom;
                    changed = true;
                }
            }
        }
    }

    /// <summary>Whether every way to <paramref name="b"/> passes through <paramref name="a"/>.</summary>
    public bool Dominates(Instruction a, Instruction b)
    {
        var target = _method.IndexOf(a);
        for (var node = _method.IndexOf(b); node >= 0; node = _idom[node])
            if (node == target)
                return true;
        return false;
    }

    /// <summary>The instructions control comes to <paramref name="index"/> from (exceptions aside).</summary>
    public ReadOnlySpan<int> PredecessorsOf(int index) => _predecessors.Of(index);

    /// <summary>Gives the arrays to this thread's next Dominators; this one is not to be asked
    /// anything after.</summary>
    public void Dispose() => ThreadScratch<Scratch>.Give(_scratch);

    private static int EdgeCount(MethodContext method)
    {
        var instructions = method.Instructions;
        var edges = 0;
        for (var i = 0; i < instructions.Length; i++)
            edges += OutDegree(instructions[i], i + 1 < instructions.Length);
        return edges;
    }

    /// <summary>Every edge of normal control flow (exceptions are what the handler-start
    /// entries stand for), counted first and then filled in, so no list of pairs is built.</summary>
    private static Edges Successors(MethodContext method, Scratch scratch)
    {
        var instructions = method.Instructions;
        var count = instructions.Length;
        var starts = scratch.SuccessorStarts;
        starts[0] = 0;
        for (var i = 0; i < count; i++)
            starts[i + 1] = starts[i] + OutDegree(instructions[i], i + 1 < count);
        var targets = scratch.SuccessorTargets;
        for (var i = 0; i < count; i++)
        {
            var instruction = instructions[i];
            var next = starts[i];
            if (BranchShapes.FallsThrough(instruction.OpCode) && i + 1 < count)
                targets[next++] = i + 1;
            if (instruction.Operand is Instruction target)
                targets[next] = method.IndexOf(target);
            else if (instruction.Operand is Instruction[] table)
                foreach (var entry in table)
                    targets[next++] = method.IndexOf(entry);
        }
        return new Edges(starts, targets, count);
    }

    private static int OutDegree(Instruction instruction, bool hasNext) =>
        (BranchShapes.FallsThrough(instruction.OpCode) && hasNext ? 1 : 0) + instruction.Operand switch
        {
            Instruction => 1,
            Instruction[] table => table.Length,
            _ => 0,
        };

    private int Intersect(int a, int b, int[] rank)
    {
        while (a != b)
        {
            while (a >= 0 && b >= 0 && rank[a] > rank[b])
                a = _idom[a];
            while (a >= 0 && b >= 0 && rank[b] > rank[a])
                b = _idom[b];
            if (a < 0 || b < 0)
                return VirtualRoot; // Only the virtual root above the entries dominates both.
        }
        return a;
    }

    /// <summary>The nodes reachable from the roots, in reverse postorder of a depth-first
    /// walk: filled from the end as each node finishes, with the walk's stack in two arrays
    /// (never deeper than the body).</summary>
    private ReadOnlySpan<int> ReversePostorder(List<int> roots, int count)
    {
        var order = _scratch.Order;
        var filled = count;
        var visited = _scratch.Visited;
        Array.Clear(visited, 0, count);
        var stackNodes = _scratch.StackNodes;
        var stackNext = _scratch.StackNext;
        foreach (var root in roots)
        {
            if (visited[root])
                continue;
            visited[root] = true;
            var depth = 0;
            stackNodes[0] = root;
            stackNext[0] = 0;
            while (depth >= 0)
            {
                var node = stackNodes[depth];
                var successors = _successors.Of(node);
                if (stackNext[depth] < successors.Length)
                {
                    var successor = successors[stackNext[depth]++];
                    if (!visited[successor])
                    {
                        visited[successor] = true;
                        depth++;
                        stackNodes[depth] = successor;
                        stackNext[depth] = 0;
                    }
                    continue;
                }
                order[--filled] = node;
                depth--;
            }
        }
        return order.AsSpan(filled, count - filled);
    }

    /// <summary>Adjacency lists in two arrays: node n's neighbours are
    /// <c>targets[starts[n]..starts[n + 1]]</c>, for the first <paramref name="count"/> nodes
    /// (the arrays may be longer).</summary>
    private sealed class Edges(int[] starts, int[] targets, int count)
    {
        public ReadOnlySpan<int> Of(int node) => targets.AsSpan(starts[node], starts[node + 1] - starts[node]);

        /// <summary>The same edges pointing the other way, into the arrays given.</summary>
        public Edges Reversed(int[] reversedStarts, int[] reversedTargets, int[] fill)
        {
            Array.Clear(reversedStarts, 0, count + 1);
            var edges = starts[count];
            for (var k = 0; k < edges; k++)
                reversedStarts[targets[k] + 1]++;
            for (var i = 0; i < count; i++)
                reversedStarts[i + 1] += reversedStarts[i];
            Array.Copy(reversedStarts, fill, count);
            for (var from = 0; from < count; from++)
                foreach (var to in Of(from))
                    reversedTargets[fill[to]++] = from;
            return new Edges(reversedStarts, reversedTargets, count);
        }
    }

    /// <summary>The arrays one Dominators works in, grown to the largest body seen.</summary>
    private sealed class Scratch
    {
        public int[] SuccessorStarts = [], SuccessorTargets = [], PredecessorStarts = [], PredecessorTargets = [];
        public int[] Fill = [], Order = [], StackNodes = [], StackNext = [], Rank = [], Idom = [];
        public bool[] Visited = [];

        public void Fit(int count, int edges)
        {
            if (Order.Length < count)
            {
                var size = Math.Max(count, 2 * Order.Length);
                (Fill, Order, StackNodes, StackNext, Rank, Idom) = (new int[size], new int[size], new int[size], new int[size], new int[size], new int[size]);
                Visited = new bool[size];
                (SuccessorStarts, PredecessorStarts) = (new int[size + 1], new int[size + 1]);
            }
            if (SuccessorTargets.Length < edges)
            {
                var size = Math.Max(edges, 2 * SuccessorTargets.Length);
                (SuccessorTargets, PredecessorTargets) = (new int[size], new int[size]);
            }
        }
    }
}
