// methods: Target.Run, Target.Bit, Target.NotBit, Target.Less, Target.Flag, Target.Store, Target.Field
namespace FlowCover.Targets.ConstantArmsConditionals;

// A `?:` whose arms are 1 and 0 (or true and false) is a decision of two outcomes in both
// builds: Debug branches on its condition; Release computes the value with no branch (the
// condition's value, `clt`, or `ceq` against 0 for arms the other way round), and the value
// returned or stored is probed instead.
public static class Target
{
    private static int _field;

    public static void Run()
    {
        Bit(true);                                      // hit
        Bit(false);                                     // hit
        NotBit(true);                                   // hit
        Less(1, 2);                                     // hit
        Flag(false);                                    // hit
        Store(5);                                       // hit
        Field(1, 1);                                    // hit
        Field(1, 2);                                    // hit
    }

    private static int Bit(bool c) => c ? 1 : 0;        // hit br=2/2

    private static int NotBit(bool c) => c ? 0 : 1;     // hit br=1/2

    private static int Less(int a, int b)
    {
        return a < b ? 1 : 0;                           // hit br=1/2
    }

    private static bool Flag(bool b) => b ? true : false;   // hit br=1/2

    private static int Store(int n)
    {
        var bit = n > 3 ? 0 : 1;                        // hit br=1/2
        n += bit;                                       // hit
        return n;                                       // hit
    }

    private static void Field(int a, int b)
    {
        _field = a == b ? 1 : 0;                        // hit br=2/2
    }
}
