using System.CommandLine;
using FlowCover.Cli.Session;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover restore</c>: put back files an interrupted run left instrumented. Every
/// verb does this first anyway; this verb does only that and says what it did.</summary>
internal static class RestoreVerb
{
    public static Command Create()
    {
        var verb = new Command("restore", "Restore assemblies left instrumented by an interrupted run.");
        verb.SetAction(_ =>
        {
            var restored = Recovery.RecoverAbandoned(Console.Error, [], sayRestored: false);
            Console.WriteLine(restored == 0 ? "Nothing to restore." : $"Restored {restored} file(s).");
            return 0;
        });
        return verb;
    }
}
