namespace FlowCover.Instrumentation;

/// <summary>The operand of each IL instruction (ECMA-335 III), by its opcode: one byte, or
/// 0xFE then one byte (written 0xFExx). For walking a body that may be damaged without trusting
/// a reader that assumes it is not.</summary>
internal static class ILOperands
{
    public const int Invalid = -1;
    public const int Token = -2;
    public const int Switch = -3;

    /// <summary>The operand's size in bytes, or <see cref="Token"/> (a 4-byte metadata token),
    /// <see cref="Switch"/> (a count, then that many 4-byte targets) or <see cref="Invalid"/>.</summary>
    public static int SizeOf(int opcode) => opcode switch
    {
        >= 0x00 and <= 0x0D => 0,                       // nop .. stloc.3
        >= 0x0E and <= 0x13 => 1,                       // ldarg.s .. stloc.s
        >= 0x14 and <= 0x1E => 0,                       // ldnull, ldc.i4.m1 .. ldc.i4.8
        0x1F => 1,                                      // ldc.i4.s
        0x20 or 0x22 => 4,                              // ldc.i4, ldc.r4
        0x21 or 0x23 => 8,                              // ldc.i8, ldc.r8
        0x25 or 0x26 => 0,                              // dup, pop
        0x27 or 0x28 or 0x29 => Token,                  // jmp, call, calli
        0x2A => 0,                                      // ret
        >= 0x2B and <= 0x37 => 1,                       // short branches
        >= 0x38 and <= 0x44 => 4,                       // branches
        0x45 => Switch,
        >= 0x46 and <= 0x6E => 0,                       // loads, stores, arithmetic, conversions
        >= 0x6F and <= 0x75 => Token,                   // callvirt, cpobj, ldobj, ldstr, newobj, castclass, isinst
        0x76 => 0,                                      // conv.r.un
        0x79 => Token,                                  // unbox
        0x7A => 0,                                      // throw
        >= 0x7B and <= 0x81 => Token,                   // field access, stobj
        >= 0x82 and <= 0x8B => 0,                       // conv.ovf.*.un
        0x8C or 0x8D => Token,                          // box, newarr
        0x8E => 0,                                      // ldlen
        0x8F => Token,                                  // ldelema
        >= 0x90 and <= 0xA2 => 0,                       // ldelem.*, stelem.*
        >= 0xA3 and <= 0xA5 => Token,                   // ldelem, stelem, unbox.any
        >= 0xB3 and <= 0xBA => 0,                       // conv.ovf.*
        0xC2 => Token,                                  // refanyval
        0xC3 => 0,                                      // ckfinite
        0xC6 => Token,                                  // mkrefany
        0xD0 => Token,                                  // ldtoken
        >= 0xD1 and <= 0xDC => 0,                       // conv.*, *.ovf, endfinally
        0xDD => 4,                                      // leave
        0xDE => 1,                                      // leave.s
        0xDF or 0xE0 => 0,                              // stind.i, conv.u
        >= 0xFE00 and <= 0xFE05 => 0,                   // arglist, ceq, cgt, cgt.un, clt, clt.un
        0xFE06 or 0xFE07 => Token,                      // ldftn, ldvirtftn
        >= 0xFE09 and <= 0xFE0E => 2,                   // ldarg .. stloc
        0xFE0F or 0xFE11 => 0,                          // localloc, endfilter
        0xFE12 => 1,                                    // unaligned.
        0xFE13 or 0xFE14 => 0,                          // volatile., tail.
        0xFE15 or 0xFE16 => Token,                      // initobj, constrained.
        0xFE17 or 0xFE18 => 0,                          // cpblk, initblk
        0xFE19 => 1,                                    // no.
        0xFE1A => 0,                                    // rethrow
        0xFE1C => Token,                                // sizeof
        0xFE1D or 0xFE1E => 0,                          // refanytype, readonly.
        _ => Invalid,
    };
}
