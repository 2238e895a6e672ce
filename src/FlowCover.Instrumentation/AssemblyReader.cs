using System.Reflection.PortableExecutable;
using FlowCover.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Reads an assembly and its portable PDB (side by side or embedded) fully into memory, so the
/// file can be rewritten in place, and says in one line why it cannot be measured.
/// </summary>
internal static class AssemblyReader
{
    /// <summary>The module, or the reason it is skipped (a warning, not an error).</summary>
    public static (ModuleDefinition? Module, string? Skip) Read(string path, IAssemblyResolver resolver)
    {
        switch (Kind(path))
        {
            case ImageKind.Native:
                return (null, "a native image, not a .NET assembly");
            case ImageKind.ReadyToRun:
                return (null, "a ReadyToRun (precompiled) image; instrument the IL build instead");
        }
        // Before Cecil: a damaged file can fail it anywhere later, or make it allocate without
        // end (a signature naming a generic parameter index of millions).
        if (DamagedInput.Find(path) is var (file, problem))
            throw DamagedInput.Error(file, problem);
        PhaseClock.Lap("check the assembly and its PDB");
        ModuleDefinition module;
        try
        {
            module = ModuleDefinition.ReadModule(path, new ReaderParameters
            {
                InMemory = true,
                ReadSymbols = true,
                SymbolReaderProvider = new DefaultSymbolReaderProvider(throwIfNoSymbol: false),
                AssemblyResolver = resolver,
            });
        }
        catch (Exception e) when (e is SymbolsNotMatchingException or SymbolsNotFoundException)
        {
            throw new UserError($"{path}: its PDB does not match the assembly ({FirstSentence(e.Message)}); rebuild the project.");
        }
        catch (Exception e) when (e is not UserError)
        {
            // Cecil fails on damaged files in many ways (bad image, end of stream, index out of
            // range...); which file is damaged, and how, is found by reading them again.
            throw DamagedInput.Explain(path, e);
        }
        if (!module.HasSymbols)
        {
            module.Dispose();
            return (null, "no PDB (build with <DebugType>portable</DebugType>)");
        }
        return (module, null);
    }

    private enum ImageKind { Managed, ReadyToRun, Native, Unreadable }

    private static ImageKind Kind(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.PEHeaders.CorHeader switch
            {
                null => ImageKind.Native,
                { ManagedNativeHeaderDirectory.Size: > 0 } => ImageKind.ReadyToRun,
                _ => ImageKind.Managed,
            };
        }
        catch (Exception e) when (e is BadImageFormatException or EndOfStreamException or ArgumentException)
        {
            return ImageKind.Unreadable; // Cecil reports it with the file's name.
        }
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
}
