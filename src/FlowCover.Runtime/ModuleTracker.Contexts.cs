using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
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
/// pointer. A module's block of a context is made at its first probe in that context, in the
/// module's arena: one hit file per process whose blocks each name their context.
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
                block = ArenaBlock(ModuleKeyPlaceholder, ProbeCountPlaceholder, DataDirectoryPlaceholder, context);
                s_contextBlocks[context] = new IntPtr(block);
            }
            t_block = block;
            return block;
        }
    }

    // The module's context blocks in this process live in one hit file, the arena, grown a chunk
    // at a time (docs/DESIGN.md, "Hit file"): files, descriptors and mappings grow with modules
    // and chunks, not with tests. Guarded by s_lock.
    private static FileStream? s_arena;
    private static long s_arenaLength;
    private static byte* s_chunkFree;
    private static long s_chunkLeft;
    private static long s_nextChunk = MinimumChunk;
    private static bool s_arenaFailed;

    /// <summary>Chunks start and end on this boundary; a reader that finds no block where one
    /// could start goes on at the next one.</summary>
    private const int ChunkUnit = 65536;

    /// <summary>The first chunk's size: a module that few contexts run reserves little.</summary>
    private const int MinimumChunk = 4 * ChunkUnit;

    /// <summary>Each chunk is twice the one before, up to this size, so a module's blocks of
    /// thousands of tests take a handful of mappings, while the space reserved ahead of use
    /// stays at most the arena's size so far, and never more than this.</summary>
    private const int MaximumChunk = 512 * ChunkUnit;

    /// <summary>Appends <paramref name="context"/>'s block to the arena, under s_lock: its header
    /// (the hit file header, naming the context), then its counters, zero, padded to 128 bytes.
    /// The magic is written last, so a block cut off by a kill reads as no block.</summary>
    private static byte* ArenaBlock(string key, int probes, string bakedDirectory, string context)
    {
        if (probes == 0)
            return null; // a test assembly instrumented only to mark its tests: nothing to count
        byte[] header = Header(probes, 0, Process.GetCurrentProcess().Id, context);
        long size = header.Length + ((long)probes + HeaderSize - 1) / HeaderSize * HeaderSize;
        if (s_chunkLeft < size && !s_arenaFailed)
            AddChunk(key, bakedDirectory, size);
        if (s_chunkLeft < size)
            return Zeroed(size) + header.Length;
        byte* block = s_chunkFree;
        for (int i = 8; i < header.Length; i++)
            block[i] = header[i];
        Thread.MemoryBarrier();
        for (int i = 0; i < 8; i++)
            block[i] = header[i];
        s_chunkFree += size;
        s_chunkLeft -= size;
        return block + header.Length;
    }

    /// <summary>Reserves and maps a new chunk at the arena's end (making the arena first), twice
    /// the last one (<see cref="MaximumChunk"/> at most) and big enough for a block of
    /// <paramref name="size"/> bytes. On failure the process counts the module's further contexts
    /// in memory, said once.</summary>
    private static void AddChunk(string key, string bakedDirectory, long size)
    {
        long chunk = (Math.Max(size, s_nextChunk) + ChunkUnit - 1) / ChunkUnit * ChunkUnit;
        string? path = null;
        try
        {
            if (s_arena == null)
                s_arena = CreateHitFile(key, bakedDirectory, out path);
            Reserve(s_arena, chunk);
            s_chunkFree = Map(s_arena, s_arenaLength, chunk, true);
            s_chunkLeft = chunk;
            s_arenaLength += chunk;
            s_nextChunk = Math.Min(chunk * 2, MaximumChunk);
        }
        catch (Exception e)
        {
            if (s_arenaLength == 0)
                Abandon(s_arena, path);
            s_arenaFailed = true;
            s_chunkLeft = 0;
            WarnNoCoverage(key, e);
        }
    }
}
