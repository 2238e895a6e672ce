using System;
using System.Diagnostics;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace FlowCover.Runtime;

/// <summary>
/// The template of the class the instrumenter clones into every instrumented module under a
/// unique name. Cloning (rather than referencing a FlowCover assembly) keeps instrumented code
/// loadable anywhere: in a test host, in a server started by hand, in a child process, none of
/// which know about FlowCover or list it in their deps.json.
///
/// The static constructor maps a per-process counter file into memory and points
/// <see cref="Hits"/> at its counters. In set mode a probe is then a single store through that
/// pointer: no lock, no allocation, no I/O, correct on any thread. The pages belong to the
/// kernel's file cache, so every hit is on disk even if the process is killed the next instant.
///
/// Count mode gives each thread a block of counters of its own (docs/per-thread-blocks.md): a
/// [ThreadStatic] pointer to it, which a probed method reads once (<see cref="Block"/>), and a
/// probe is a plain increment through that pointer, exact because no other live thread writes
/// the block. Each block is a hit file of its own, so it is
/// on disk as set mode's hits are, and the collector sums a module's hit files as it always has.
/// A block whose thread has ended goes to the next thread that needs one (counts only add up),
/// so there are never more blocks than threads alive at once.
///
/// Rules for this file, because its IL is copied: no lambdas, generics, nested types or
/// references to other FlowCover code; constants below are placeholders rewritten per module.
/// </summary>
public static unsafe partial class ModuleTracker
{
    /// <summary>Rewritten to the module key (name + build hash) at instrumentation.</summary>
    public const string ModuleKeyPlaceholder = "<flowcover:module-key>";

    /// <summary>Rewritten to the data folder of the session that instrumented the module, padded
    /// with NULs to a fixed width so a cached copy can be pointed at another session's folder
    /// in place; FLOWCOVER_DATA_DIR stands in for it only where it does not exist (see DataDirectory).</summary>
    public const string DataDirectoryPlaceholder = "<flowcover:data-directory>";

    /// <summary>Rewritten to the number of probes in the module.</summary>
    public const int ProbeCountPlaceholder = 0x7F3C0DE1;

    /// <summary>Rewritten to 0 (set: a byte a probe) or 1 (count: a 64-bit counter a probe).</summary>
    public const int ModePlaceholder = 0x7F3C0DE2;

    // A pair of cache lines, so the counters start on a block of their own (see the module
    // model builder, which starts each type's counters on such a block).
    private const int HeaderSize = 128;

    /// <summary>The counters; probes in set mode store 1 at <c>Hits[probe]</c>. Read-only, so
    /// optimised code holds the address as a constant.</summary>
    public static readonly byte* Hits;

    /// <summary>This thread's block of counters: its own (count mode) or its current context's
    /// (contexts); null until the thread's first probe, or its context's first in this module.</summary>
    [ThreadStatic]
    private static byte* t_block;

    // Every mapping made, so none is finalized while code can still write through it.
    private static readonly object s_lock = new object();
    private static MemoryMappedViewAccessor?[] s_views = new MemoryMappedViewAccessor?[4];
    private static int s_viewCount;

    // Count mode's blocks and the thread each was last given to (null: never given).
    private static IntPtr[] s_blocks = new IntPtr[4];
    private static Thread?[] s_owners = new Thread?[4];
    private static int s_blockCount;

    static ModuleTracker()
    {
        Hits = Open(ModuleKeyPlaceholder, ProbeCountPlaceholder, ModePlaceholder, DataDirectoryPlaceholder);
        FirstBlock(Hits, ModePlaceholder);
        JoinContexts(Hits, ContextsPlaceholder);
    }

    // A parameter, not the constant, so the compiler cannot fold the test before the
    // placeholder is rewritten.
    private static void FirstBlock(byte* hits, int mode)
    {
        if (mode == 1)
        {
            s_blocks[0] = new IntPtr(hits);
            s_blockCount = 1;
        }
    }

    /// <summary>
    /// This thread's block: the one thing a probe needs from the tracker, read once into a local
    /// of the probed method (docs/per-thread-blocks.md). Count mode: the thread's own, given at its
    /// first call here; contexts: the thread's current context's, made at its first probe in this
    /// module. A probe is then a plain store through the local: <c>((long*)block)[i]++</c> (count:
    /// exact, as no other live thread writes the block) or <c>block[i] = 1</c> (contexts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Block()
    {
        byte* block = t_block;
        if (block == null)
            block = Attach(ContextsPlaceholder);
        return block;
    }

    // A parameter, not the constant, so the compiler cannot fold the test before the
    // placeholder is rewritten.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* Attach(int contexts) => contexts == 1 ? AttachContext() : AttachThread();

    /// <summary>Gives the calling thread a block: one whose thread has ended, else a new hit file.</summary>
    private static byte* AttachThread()
    {
        lock (s_lock)
        {
            Thread current = Thread.CurrentThread;
            int free = -1;
            for (int i = 0; i < s_blockCount && free < 0; i++)
            {
                Thread? owner = s_owners[i];
                if (owner == null || !owner.IsAlive)
                    free = i;
            }
            if (free < 0)
            {
                if (s_blockCount == s_blocks.Length)
                {
                    IntPtr[] blocks = new IntPtr[s_blockCount * 2];
                    Thread?[] owners = new Thread?[s_blockCount * 2];
                    Array.Copy(s_blocks, blocks, s_blockCount);
                    Array.Copy(s_owners, owners, s_blockCount);
                    s_blocks = blocks;
                    s_owners = owners;
                }
                free = s_blockCount;
                s_blocks[free] = new IntPtr(Open(ModuleKeyPlaceholder, ProbeCountPlaceholder, ModePlaceholder, DataDirectoryPlaceholder));
                s_blockCount++;
            }
            s_owners[free] = current;
            byte* block = (byte*)s_blocks[free].ToPointer();
            t_block = block;
            return block;
        }
    }

    private static void Keep(MemoryMappedViewAccessor view)
    {
        lock (s_lock)
        {
            if (s_viewCount == s_views.Length)
            {
                MemoryMappedViewAccessor?[] views = new MemoryMappedViewAccessor?[s_viewCount * 2];
                Array.Copy(s_views, views, s_viewCount);
                s_views = views;
            }
            s_views[s_viewCount++] = view;
        }
    }

    /// <summary>Creates and maps a hit file: the counters of the whole process or one thread.</summary>
    private static byte* Open(string key, int probes, int mode, string bakedDirectory)
    {
        if (probes == 0)
            return null; // a test assembly instrumented only to mark its tests: nothing to count
        byte[] header = Header(probes, mode, Process.GetCurrentProcess().Id, null);
        long size = header.Length + (long)probes * (mode == 1 ? 8 : 1);
        string? path = null;
        FileStream? stream = null;
        try
        {
            stream = CreateHitFile(key, bakedDirectory, out path);
            stream.Write(header, 0, header.Length);
            Reserve(stream, size - header.Length);
            return Map(stream, 0, size, false) + header.Length;
        }
        catch (Exception e)
        {
            // Coverage must never break the program it measures: count into memory instead, and
            // leave no half-made hit file for the collector to trip on.
            Abandon(stream, path);
            WarnNoCoverage(key, e);
            return Zeroed(size) + header.Length;
        }
    }

    /// <summary>Creates a new hit file of this process in the module's data folder, unbuffered
    /// (a buffer size of 1): a write that finds the disk full fails there, not later in a flush
    /// that could not be undone.</summary>
    private static FileStream CreateHitFile(string key, string bakedDirectory, out string? path)
    {
        path = null;
        string directory = DataDirectory(WithoutPadding(bakedDirectory));
        Directory.CreateDirectory(directory);
        path = Path.Combine(directory, key + "." + Process.GetCurrentProcess().Id + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".hits");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
    }

    /// <summary>Maps <paramref name="length"/> bytes of the file from <paramref name="offset"/>
    /// (already written, so reserved) and keeps the mapping for the life of the process.</summary>
    private static byte* Map(FileStream stream, long offset, long length, bool leaveOpen)
    {
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(stream, null, offset + length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen);
        MemoryMappedViewAccessor view = file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.ReadWrite);
        Keep(view);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        return start + view.PointerOffset;
    }

    private static void WarnNoCoverage(string key, Exception e)
    {
        Console.Error.WriteLine("flowcover: warning: no coverage of " + key + " from this process (" + e.Message.Replace(Environment.NewLine, " ")
            + "); it runs on without it; free space in the session's data folder or set FLOWCOVER_DATA_DIR");
    }

    private static byte* Zeroed(long size)
    {
        byte* memory = (byte*)Marshal.AllocHGlobal(new IntPtr(size));
        for (long i = 0; i < size; i++)
            memory[i] = 0;
        return memory;
    }

    /// <summary>
    /// Writes a zero for every counter, so the file's blocks are allocated before it is mapped.
    /// A sparse file (what setting its length makes) takes its space at the first store into
    /// each page, and a store that finds the disk full is a SIGBUS that kills the program; a
    /// write that finds it full is an error caught here, before any probe runs. Writing is the
    /// one way open to this code (posix_fallocate needs a P/Invoke the cloner does not copy);
    /// it is done once per process and module, and docs/reliability.md has what it costs.
    /// </summary>
    private static void Reserve(FileStream stream, long length)
    {
        byte[] zeros = new byte[(int)Math.Min(length, 65536)];
        while (length > 0)
        {
            int chunk = (int)Math.Min(length, zeros.Length);
            stream.Write(zeros, 0, chunk);
            length -= chunk;
        }
    }

    private static void Abandon(FileStream? stream, string? path)
    {
        try
        {
            if (stream != null)
                stream.Dispose();
            if (path != null)
                File.Delete(path);
        }
        catch (Exception)
        {
            // Best effort: the program must run on whatever is left behind.
        }
    }

    /// <summary>
    /// The session that instrumented the module owns its hits: its folder, baked in, is used
    /// while it exists, whatever the environment says. A process can load modules of two
    /// sessions at once (a run measuring a command that is itself a run, like FlowCover's own
    /// suite measured by FlowCover), and each session collects only its own modules' files.
    /// FLOWCOVER_DATA_DIR is for a module whose session folder is not there (instrumented
    /// files copied to another machine or container).
    /// </summary>
    private static string DataDirectory(string baked)
    {
        if (Directory.Exists(baked))
            return baked;
        string? directory = Environment.GetEnvironmentVariable("FLOWCOVER_DATA_DIR");
        return directory == null || directory.Length == 0 ? baked : directory;
    }

    private static string WithoutPadding(string padded)
    {
        int length = padded.Length;
        while (length > 0 && padded[length - 1] == '\0')
            length--;
        return padded.Substring(0, length);
    }

    /// <summary>The header; a context's name follows the 128 bytes, UTF-8, its length at offset
    /// 24, and the counters start on the next 128-byte boundary.</summary>
    private static byte[] Header(int probes, int mode, int pid, string? context)
    {
        byte[] name = context == null ? new byte[0] : Encoding.UTF8.GetBytes(context);
        byte[] header = new byte[HeaderSize + (name.Length + HeaderSize - 1) / HeaderSize * HeaderSize];
        // Element by element: an array initializer would compile to a data blob in
        // <PrivateImplementationDetails>, which the cloner does not copy.
        header[0] = (byte)'F';
        header[1] = (byte)'C';
        header[2] = (byte)'H';
        header[3] = (byte)'I';
        header[4] = (byte)'T';
        header[5] = (byte)'S';
        header[6] = (byte)'0';
        header[7] = (byte)'1';
        WriteInt32(header, 8, header.Length);
        WriteInt32(header, 12, mode);
        WriteInt32(header, 16, probes);
        WriteInt32(header, 20, pid);
        WriteInt32(header, 24, name.Length);
        Array.Copy(name, 0, header, HeaderSize, name.Length);
        return header;
    }

    private static void WriteInt32(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }
}
