using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// The metadata token each operand of a method had in the original IL, read from the original
/// bytes rather than from Cecil's objects: Cecil resolves a TypeSpec such as <c>!T</c> to the
/// generic parameter itself (whose token is a GenericParam row, which IL may not name) and a
/// string to its value. Probe code and copies of original instructions share these operand
/// objects, so a lookup by object gives every instruction of the new body its token; the
/// tracker's members, which probes add, are given theirs.
/// </summary>
internal sealed class OperandTokens
{
    /// <summary>What an encoded body holds where a deferred row's token goes, until it is added:
    /// a MemberRef token with no row.</summary>
    private const int Placeholder = 0x0A000000;

    private readonly Dictionary<object, int> _tokens = new(ReferenceEqualityComparer.Instance);

    private readonly Func<object, int>? _added;

    private readonly Func<object, DeferredRow>? _deferred;

    // The operands whose rows the writer adds when it finishes; their tokens are placeholders
    // until then (see Fixups).
    private Dictionary<object, DeferredRow>? _deferredRows;

    private OperandTokens(Func<object, int>? added = null, Func<object, DeferredRow>? deferred = null)
    {
        _added = added;
        _deferred = deferred;
    }

    /// <summary>Reads the tokens of <paramref name="body"/>'s instructions (as Cecil read them,
    /// with their original offsets) and exception clauses from <paramref name="original"/>, the
    /// same body in the file. <paramref name="known"/> holds the tokens of the tracker's
    /// members; <paramref name="reference"/> makes one for anything else a probe brings in, or
    /// <paramref name="deferred"/> a row added later, whose token <see cref="Fixups"/> places.</summary>
    public static OperandTokens Read(MethodBody body, MethodBodyBlock original, IReadOnlyDictionary<object, int> known,
        Func<object, int>? reference = null, Func<object, DeferredRow>? deferred = null)
    {
        var tokens = new OperandTokens(reference, deferred);
        foreach (var (operand, token) in known)
            tokens._tokens[operand] = token;
        var il = original.GetILReader();
        foreach (var instruction in body.Instructions)
        {
            if (!HasToken(instruction.OpCode.OperandType) || tokens._tokens.ContainsKey(instruction.Operand))
                continue;
            il.Offset = instruction.Offset + instruction.OpCode.Size;
            tokens._tokens[instruction.Operand] = il.ReadInt32();
        }
        var regions = original.ExceptionRegions;
        for (var k = 0; k < body.ExceptionHandlers.Count; k++)
            if (body.ExceptionHandlers[k].CatchType is { } type)
                tokens._tokens.TryAdd(type, MetadataTokens.GetToken(regions[k].CatchType));
        return tokens;
    }

    /// <summary>Tokens for a body of instructions that did not come from a file (the tracker's),
    /// given by <paramref name="tokenOf"/>.</summary>
    public static OperandTokens For(MethodBody body, Func<object, int> tokenOf)
    {
        var tokens = new OperandTokens();
        foreach (var instruction in body.Instructions)
            if (HasToken(instruction.OpCode.OperandType) && !tokens._tokens.ContainsKey(instruction.Operand))
                tokens._tokens[instruction.Operand] = tokenOf(instruction.Operand);
        foreach (var handler in body.ExceptionHandlers)
            if (handler.CatchType is { } type && !tokens._tokens.ContainsKey(type))
                tokens._tokens[type] = tokenOf(type);
        return tokens;
    }

    public int this[object operand]
    {
        get
        {
            if (_tokens.TryGetValue(operand, out var token))
                return token;
            if (_deferred is not null)
            {
                _deferredRows ??= new(ReferenceEqualityComparer.Instance);
                if (!_deferredRows.ContainsKey(operand))
                    _deferredRows[operand] = _deferred(operand);
                return Placeholder;
            }
            if (_added is null)
                throw new InvalidOperationException($"no token for the operand {operand} ({operand.GetType().Name})");
            return _tokens[operand] = _added(operand);
        }
    }

    /// <summary>Where the tokens of deferred rows go in <paramref name="encoded"/>, the bytes
    /// <see cref="BodyEncoder"/> made of <paramref name="body"/> with these tokens.</summary>
    public IReadOnlyList<TokenFixup> Fixups(MethodBody body, byte[] encoded)
    {
        if (_deferredRows is null)
            return [];
        var codeStart = BodyEncoder.CodeStart(encoded);
        var fixups = new List<TokenFixup>();
        foreach (var instruction in body.Instructions)
            if (HasToken(instruction.OpCode.OperandType) && _deferredRows.TryGetValue(instruction.Operand, out var row))
                fixups.Add(new TokenFixup(codeStart + instruction.Offset + instruction.OpCode.Size, row));
        return fixups;
    }

    public static bool HasToken(OperandType type) => type is OperandType.InlineField or OperandType.InlineMethod
        or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig or OperandType.InlineString;
}
