using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Cecil = Mono.Cecil;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Probes move every IL offset after them, so the PDB is rewritten with the assembly, beside it
/// or inside it. Debuggers and stack traces read it: every sequence point, local scope and
/// await of the original must still be there, on an instruction of the new body, and the PDB
/// must still be the one the assembly names. Read here with System.Reflection.Metadata, not
/// Cecil, so Cecil's writer is checked by another reader.
/// </summary>
public sealed class SymbolTests
{
    public static TheoryData<OptimizationLevel, bool> Builds => new()
    {
        { OptimizationLevel.Debug, false },
        { OptimizationLevel.Debug, true },
        { OptimizationLevel.Release, false },
        { OptimizationLevel.Release, true },
    };

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_instrumented_PDB_keeps_every_statement_scope_and_await_on_an_instruction(OptimizationLevel optimization, bool embedded)
    {
        var (original, instrumented, _) = InstrumentTargets(optimization, embedded);
        using var before = Symbols.Of(original);
        using var after = Symbols.Of(instrumented);
        Assert.Equal(after.CodeViewId, after.PdbId);

        using var originalModule = Cecil.ModuleDefinition.ReadModule(original);
        using var instrumentedModule = Cecil.ModuleDefinition.ReadModule(instrumented);
        var rewritten = instrumentedModule.GetTypes().SelectMany(t => t.Methods).ToDictionary(m => m.FullName);
        int checkedMethods = 0, checkedAwaits = 0;
        foreach (var method in originalModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            var now = rewritten[method.FullName];
            // Recorded on the kickoff method (which has no statements of its own), with offsets
            // in its MoveNext.
            var awaits = before.Awaits(method.MetadataToken.RID);
            var newAwaits = after.Awaits(now.MetadataToken.RID);
            Assert.Equal(awaits.Count, newAwaits.Count);
            foreach (var (yield, resume, moveNext) in newAwaits)
            {
                var body = ((Cecil.MethodDefinition)instrumentedModule.LookupToken(0x06000000 | moveNext)).Body.Instructions.Select(i => i.Offset).ToHashSet();
                Assert.True(body.Contains(yield) && body.Contains(resume),
                    $"{method.FullName}: an await's yield IL_{yield:x4} or resume IL_{resume:x4} is not an instruction of its MoveNext");
                checkedAwaits++;
            }

            var points = before.SequencePoints(method.MetadataToken.RID);
            if (points.Count == 0)
                continue;
            var starts = now.Body.Instructions.Select(i => i.Offset).ToHashSet();
            var codeSize = now.Body.CodeSize;
            var newPoints = after.SequencePoints(now.MetadataToken.RID);

            Assert.Equal(points.Select(p => p.Place), newPoints.Select(p => p.Place));
            Assert.All(newPoints, p => Assert.Contains(p.Offset, starts));
            Assert.Equal(newPoints.Select(p => p.Offset).Distinct().Order(), newPoints.Select(p => p.Offset));

            var scopes = before.Scopes(method.MetadataToken.RID);
            var newScopes = after.Scopes(now.MetadataToken.RID);
            Assert.Equal(scopes.Select(s => s.Names), newScopes.Select(s => s.Names));
            Assert.All(newScopes, s => Assert.True((starts.Contains(s.Start) || s.Start == codeSize) && (starts.Contains(s.End) || s.End == codeSize),
                $"{method.FullName}: a scope IL_{s.Start:x4}..IL_{s.End:x4} does not begin and end on instructions"));
            checkedMethods++;
        }
        Assert.True(checkedMethods > 100, $"only {checkedMethods} methods have sequence points");
        Assert.True(checkedAwaits > 10, $"only {checkedAwaits} awaits were checked");
        Assert.Equal(before.StateMachineCount, after.StateMachineCount);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void An_exception_thrown_in_instrumented_code_names_its_source_line(OptimizationLevel optimization, bool embedded)
    {
        var (work, dll) = TargetCompiler.CompileSnippet("symbols-throw", "Thrower", ThrowerSource, optimization, embedPdb: embedded);
        Instrument(dll, work);

        var type = new AssemblyLoadContext("thrower", isCollectible: true).LoadFromAssemblyPath(dll).GetType("Thrower")!;
        int LineOf(string method)
        {
            try
            {
                if (type.GetMethod(method)!.Invoke(null, [5]) is Task task)
                    task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                var thrown = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                return new StackTrace(thrown, fNeedFileInfo: true).GetFrame(0)!.GetFileLineNumber();
            }
            throw new InvalidOperationException(method + " did not throw");
        }

        int Marked(string mark) => SourceText.LineOf(ThrowerSource, "// " + mark);
        Assert.Equal(Marked("sync"), LineOf("Sync"));
        Assert.Equal(Marked("after await"), LineOf("AfterAwait"));
        Assert.Equal(Marked("in a lambda"), LineOf("InLambda"));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_assembly_with_its_PDB_inside_is_measured_as_one_with_its_PDB_beside_it(OptimizationLevel optimization)
    {
        var (_, _, beside) = InstrumentTargets(optimization, embedded: false);
        var (_, instrumented, inside) = InstrumentTargets(optimization, embedded: true);
        Assert.False(File.Exists(Path.ChangeExtension(instrumented, ".pdb")));
        Assert.Equal(Describe(beside), Describe(inside));
    }

    private const string ThrowerSource = """
        using System;
        using System.Threading.Tasks;

        public static class Thrower
        {
            public static int Sync(int x)
            {
                var y = x * 2;
                if (y > 3)
                    throw new InvalidOperationException("sync"); // sync
                return y;
            }

            public static async Task<int> AfterAwait(int x)
            {
                await Task.Yield();
                if (x > 3)
                    throw new InvalidOperationException("after await"); // after await
                return x;
            }

            public static int InLambda(int x)
            {
                Func<int, int> f = v =>
                {
                    if (v > 3)
                        throw new InvalidOperationException("in a lambda"); // in a lambda
                    return v;
                };
                return f(x) + 1;
            }
        }
        """;

    /// <summary>The validation targets compiled and instrumented; returns the original's copy,
    /// the instrumented assembly and its model.</summary>
    private static (string Original, string Instrumented, ModuleModel Model) InstrumentTargets(OptimizationLevel optimization, bool embedded)
    {
        var work = Scratch.Folder("symbols");
        var dll = TargetRun.CompileTargets(work, optimization, embedded);
        return (Path.Combine(work, "original", Path.GetFileName(dll)), dll, Instrument(dll, work, TargetRun.TargetsDirectory));
    }

    private static ModuleModel Instrument(string dll, string work, string? sourceRoot = null) =>
        InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = sourceRoot ?? work });

    /// <summary>Everything a model says about the code, leaving out the key and hash.</summary>
    private static List<string> Describe(ModuleModel model) =>
        model.Methods.Select(m => $"{m.TypeName} {m.Name} {model.Documents[m.Document]}:{m.FirstLine} "
            + string.Join(' ', m.Lines.Select(l => $"{l.Line}[{string.Join(',', l.Probes)}]"))
            + " | " + string.Join(' ', m.Branches.Select(b => $"{b.Line}:" + string.Join(',', b.Outcomes.Select(o => $"{o.Label}->{o.TargetLine}[{string.Join(',', o.Probes)}]")))))
            .ToList();

    /// <summary>An assembly's portable PDB, wherever it is, read with System.Reflection.Metadata.</summary>
    private sealed class Symbols : IDisposable
    {
        private static readonly Guid AsyncStepping = new("54FD2AC5-E925-401A-9C2A-F94F171072F8");
        private readonly PEReader _pe;
        private readonly MetadataReaderProvider _provider;
        private readonly MetadataReader _pdb;

        private Symbols(PEReader pe, MetadataReaderProvider provider)
        {
            _pe = pe;
            _provider = provider;
            _pdb = provider.GetMetadataReader();
        }

        public static Symbols Of(string assembly)
        {
            var pe = new PEReader(new MemoryStream(File.ReadAllBytes(assembly)));
            var embedded = pe.ReadDebugDirectory().SingleOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            var provider = embedded.DataSize > 0
                ? pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded)
                : MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(File.ReadAllBytes(Path.ChangeExtension(assembly, ".pdb"))));
            return new Symbols(pe, provider);
        }

        /// <summary>The PDB identity the assembly names (its CodeView entry).</summary>
        public Guid CodeViewId => _pe.ReadCodeViewDebugDirectoryData(_pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView)).Guid;

        /// <summary>The identity the PDB has (the first 16 bytes of its id).</summary>
        public Guid PdbId => new(_pdb.DebugMetadataHeader!.Id.AsSpan(0, 16));

        public int StateMachineCount => _pdb.GetTableRowCount(TableIndex.StateMachineMethod);

        public List<(string Place, int Offset)> SequencePoints(uint method)
        {
            var handle = MetadataTokens.MethodDebugInformationHandle((int)method);
            if (MetadataTokens.GetRowNumber(handle) > _pdb.MethodDebugInformation.Count)
                return [];
            return _pdb.GetMethodDebugInformation(handle).GetSequencePoints()
                .Select(p => (p.IsHidden ? "hidden" : $"{_pdb.GetString(_pdb.GetDocument(p.Document).Name)}:{p.StartLine}.{p.StartColumn}-{p.EndLine}.{p.EndColumn}", p.Offset))
                .ToList();
        }

        public List<(string Names, int Start, int End)> Scopes(uint method) =>
            _pdb.GetLocalScopes(MetadataTokens.MethodDefinitionHandle((int)method)).Select(h => _pdb.GetLocalScope(h))
                .Select(s => (string.Join(',', s.GetLocalVariables().Select(v => _pdb.GetString(_pdb.GetLocalVariable(v).Name)))
                    + ";" + string.Join(',', s.GetLocalConstants().Select(c => _pdb.GetString(_pdb.GetLocalConstant(c).Name))), s.StartOffset, s.EndOffset))
                .ToList();

        /// <summary>The yield and resume offsets of each await in a kickoff method's state machine.</summary>
        public List<(int Yield, int Resume, int MoveNext)> Awaits(uint method)
        {
            var awaits = new List<(int, int, int)>();
            foreach (var handle in _pdb.GetCustomDebugInformation(MetadataTokens.MethodDefinitionHandle((int)method)))
            {
                var information = _pdb.GetCustomDebugInformation(handle);
                if (_pdb.GetGuid(information.Kind) != AsyncStepping)
                    continue;
                var blob = _pdb.GetBlobReader(information.Value);
                blob.ReadUInt32(); // the catch handler's offset (plus one; 0 for none)
                while (blob.RemainingBytes > 0)
                {
                    var yield = blob.ReadUInt32();
                    var resume = blob.ReadUInt32();
                    awaits.Add(((int)yield, (int)resume, blob.ReadCompressedInteger()));
                }
            }
            return awaits;
        }

        public void Dispose()
        {
            _provider.Dispose();
            _pe.Dispose();
        }
    }
}
