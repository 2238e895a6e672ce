using FlowCover.Instrumentation.Filters;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Which instructions dominate which in one method body: <c>a</c> dominates <c>b</c> when every
/// way from an entry to <c>b</c> passes through <c>a</c>. The entries are the first instruction
/// and every handler and filter start (an exception can arrive there from anywhere in its try).
/// Computed with the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast
/// Dominance Algorithm", 2001) over instructions in reverse postorder.
/// </summary>
internal sealed class Dominators
{
    private const int VirtualRoot = -1;
    private const int Unreached = -2;
    private readonly MethodContext _method;
    private readonly int[] _idom;
    private readonly List<int>[] _predecessors;

    public Dominators(MethodContext method)
    {
        _method = method;
        var count = method.Instructions.Count;
        var roots = new List<int> { 0 };
        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            roots.Add(method.IndexOf(handler.HandlerStart));
            if (handler.FilterStart is { } filter)
                roots.Add(method.IndexOf(filter));
        }
        var order = ReversePostorder(roots, count);
        var rank = new int[count];
        Array.Fill(rank, -1);
        for (var i = 0; i < order.Count; i++)
            rank[order[i]] = i;
        var predecessors = _predecessors = Predecessors(count);
        _idom = new int[count];
        Array.Fill(_idom, Unreached);
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
                foreach (var predecessor in predecessors[node])
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
    public IReadOnlyList<int> PredecessorsOf(int index) => _predecessors[index];

    /// <summary>The instructions control goes to from <paramref name="index"/> (not counting
    /// exceptions, which the handler-start entries stand for).</summary>
    private IEnumerable<int> Successors(int index)
    {
        var instruction = _method.Instructions[index];
        if (BranchShapes.FallsThrough(instruction.OpCode) && index + 1 < _method.Instructions.Count)
            yield return index + 1;
        if (instruction.Operand is Instruction target)
            yield return _method.IndexOf(target);
        else if (instruction.Operand is Instruction[] table)
            foreach (var entry in table)
                yield return _method.IndexOf(entry);
    }

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

    private List<int>[] Predecessors(int count)
    {
        var predecessors = new List<int>[count];
        for (var i = 0; i < count; i++)
            predecessors[i] = [];
        for (var i = 0; i < count; i++)
            foreach (var successor in Successors(i))
                predecessors[successor].Add(i);
        return predecessors;
    }

    private List<int> ReversePostorder(List<int> roots, int count)
    {
        var postorder = new List<int>(count);
        var visited = new bool[count];
        var stack = new Stack<(int Node, IEnumerator<int> Next)>();
        foreach (var root in roots)
        {
            if (visited[root])
                continue;
            visited[root] = true;
            stack.Push((root, Successors(root).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (next.MoveNext())
                {
                    if (!visited[next.Current])
                    {
                        visited[next.Current] = true;
                        stack.Push((next.Current, Successors(next.Current).GetEnumerator()));
                    }
                    continue;
                }
                stack.Pop();
                postorder.Add(node);
            }
        }
        postorder.Reverse();
        return postorder;
    }
}
