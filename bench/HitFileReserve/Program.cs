// What reserving a hit file costs (ModuleTracker.Reserve: a zero written for every counter
// before the file is mapped) against the sparse file it replaced (SetLength), for a hit file of
// the probe counts given, in the folder given. Each way: create, write the 128-byte header,
// size, map, store into every counter (what a run that touches everything does), unmap, delete.
// Usage: dotnet run -c Release -- FOLDER PROBES [PROBES...]   (a probe is 1 byte in set mode, 8 in count)
using System.Diagnostics;
using System.IO.MemoryMappedFiles;

var folder = args[0];
const int Rounds = 41;
foreach (var probes in args.Skip(1).Select(long.Parse))
{
    foreach (var mode in new[] { "set", "count" })
    {
        var size = 128 + probes * (mode == "count" ? 8 : 1);
        double Median(bool reserve, bool touch)
        {
            var times = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var path = Path.Combine(folder, $"bench-{Guid.NewGuid():N}.hits");
                var watch = Stopwatch.StartNew();
                Open(path, size, reserve, touch);
                times.Add(watch.Elapsed.TotalMilliseconds);
                File.Delete(path);
            }
            times.Sort();
            return times[times.Count / 2];
        }
        Median(true, false); Median(false, false); // Warm up.
        Console.WriteLine($"{probes} probes, {mode} ({size / 1024.0:0} KiB): open sparse {Median(false, false):0.000} ms, reserved {Median(true, false):0.000} ms; "
            + $"open and store into every page: sparse {Median(false, true):0.000} ms, reserved {Median(true, true):0.000} ms");
    }
}

static unsafe void Open(string path, long size, bool reserve, bool touch)
{
    using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
    stream.Write(new byte[128], 0, 128);
    if (reserve)
    {
        var zeros = new byte[(int)Math.Min(size - 128, 65536)];
        for (var left = size - 128; left > 0; left -= zeros.Length)
            stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
    }
    else
    {
        stream.SetLength(size);
    }
    using var file = MemoryMappedFile.CreateFromFile(stream, null, size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, true);
    using var view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
    byte* start = null;
    view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
    if (touch)
        for (long i = 128; i < size; i += 4096)
            start[view.PointerOffset + i] = 1;
    view.SafeMemoryMappedViewHandle.ReleasePointer();
}
