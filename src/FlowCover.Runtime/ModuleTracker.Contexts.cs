using System;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Threading;

namespace FlowCover.Runtime;

/// <summary>
/// Contexts (who ran each probe), on the per-thread pointer of docs/per-thread-blocks.md: the
/// pointer is per thread, the block it points at is the current context's, and a probe is
/// <c>block[i] = 1</c> through the method's copy of it (<see cref="Block"/>), read again after
/// anything that can change the thread's context: a call, or a handler's start.
///
/// The current context is one <c>AsyncLocal&lt;string&gt;</c> for the whole process, so it flows
/// with ExecutionContext (await, Task.Run, the thread pool, timers, Parallel.ForEach). Every
/// module has its own copy of this class, so the first module to load makes the hub, an
/// <c>object[]</c> published as AppDomain data under <see cref="HubName"/>: [0] the
/// AsyncLocal, whose change handler is the making module's <see cref="OnContextChanged"/>,
/// [1] an <c>Action&lt;string&gt;</c> every module adds its <see cref="Switch"/> to. A change of
/// context on a thread (set by a test, or ExecutionContext restored onto the thread) calls the
/// handler on that thread, which tells every module, which repoints its own thread-static
/// pointer. A module's block of a context is made at its first probe in that context: a hit
/// file whose header names the context.
/// </summary>
public static unsafe partial class ModuleTracker
{
    /// <summary>Rewritten to 1 when the module records contexts, else 0.</summary>
    public const int ContextsPlaceholder = 0x7F3C0DE3;

    private const string HubName = "FlowCover.Contexts";

    /// <summary>The context of code run with no test in flight; its block is <see cref="Hits"/>.</summary>
    private const string NoContext = "(none)";

    private static object[]? s_hub;

    // Context name to its block (an IntPtr) in this module: read without a lock (a Hashtable
    // allows readers alongside one writer), written under s_lock.
    private static readonly Hashtable s_contextBlocks = new Hashtable();

    /// <summary>Called first in a test method (or a setup method): the context is
    /// <paramref name="context"/> until <see cref="Leave"/>, wherever the work flows, across
    /// HTTP too (ModuleTracker.Http.cs).</summary>
    public static void Enter(string context)
    {
        CurrentContext().Value = context;
        StartTestActivity(context);
    }

    /// <summary>Called when a test method (or a setup method) returns or throws: the mark
    /// calls it in a <c>finally</c> around the method's body.</summary>
    public static void Leave()
    {
        StopTestActivity();
        CurrentContext().Value = null;
    }

    private static void JoinContexts(byte* hits, int contexts)
    {
        if (contexts != 1)
            return;
        s_contextBlocks[NoContext] = new IntPtr(hits);
        // Any object every module's copy of this code sees as the same one: the type of AppDomain.
        bool made = false;
        lock (typeof(AppDomain))
        {
            object[]? hub = AppDomain.CurrentDomain.GetData(HubName) as object[];
            if (hub == null)
            {
                hub = new object[2];
                s_hub = hub;
                hub[0] = new AsyncLocal<string?>(new Action<AsyncLocalValueChangedArgs<string?>>(OnContextChanged));
                AppDomain.CurrentDomain.SetData(HubName, hub);
                made = true;
            }
            s_hub = hub;
            hub[1] = Delegate.Combine((Delegate?)hub[1], new Action<string>(Switch));
        }
        // Outside the lock: the listener calls back into ActivitySource's own locks.
        if (made)
            ListenToRequests();
    }

    private static AsyncLocal<string?> CurrentContext()
    {
        object[]? hub = s_hub;
        if (hub == null)
            throw new InvalidOperationException("FlowCover: contexts were not asked for when this module was instrumented");
        return (AsyncLocal<string?>)hub[0];
    }

    /// <summary>The hub's change handler, on the thread whose context changed.</summary>
    private static void OnContextChanged(AsyncLocalValueChangedArgs<string?> change)
    {
        object[]? hub = s_hub;
        Action<string>? switchers = hub == null ? null : (Action<string>?)hub[1];
        if (switchers != null)
            switchers(change.CurrentValue ?? NoContext);
    }

    /// <summary>Points this thread at <paramref name="context"/>'s block in this module, or at
    /// nothing until its first probe there.</summary>
    private static void Switch(string context)
    {
        object? block = s_contextBlocks[context];
        t_block = block == null ? null : (byte*)((IntPtr)block).ToPointer();
    }

    private static byte* AttachContext()
    {
        string context = CurrentContext().Value ?? NoContext;
        lock (s_lock)
        {
            object? known = s_contextBlocks[context];
            byte* block;
            if (known != null)
                block = (byte*)((IntPtr)known).ToPointer();
            else
            {
                block = Open(ModuleKeyPlaceholder, ProbeCountPlaceholder, 0, DataDirectoryPlaceholder, context);
                s_contextBlocks[context] = new IntPtr(block);
            }
            t_block = block;
            return block;
        }
    }
}
