using System;
using System.Threading.Tasks;

namespace FlowCover.Targets.SwitchWhen;

public class Todo
{
    public string OwnerId = "";                         // hit
}

// A switch whose first arm has a `when` with `||`, called once with an owner match and once
// with a mismatch that falls through the failed `when` to the discard arm: two arms and the
// `when`'s two operands, 2 + 4 outcomes on the switch line.
public static class Target
{
    private static int s_after;

    public static async Task RunAsync()
    {
        var todo = new Todo { OwnerId = "a" };          // hit
        await Async(todo, "a", false);                  // hit
        await Async(todo, "b", false);                  // hit
        var f = Lambda();                               // hit
        await f(todo, "a", false);                      // hit
        await f(todo, "b", false);                      // hit
        Sync(todo, "a", false);                         // hit
        Sync(todo, "b", false);                         // hit
        Call(todo, "a");                                // hit
        Call(null, "a");                                // hit
        Compare(5, 3);                                  // hit
        Compare(1, 3);                                  // hit
        Statement(todo, "b");                           // hit
    }

    private static bool Owns(Todo todo, string owner) => todo.OwnerId == owner;   // hit

    private static string Call(Todo? found, string owner) => found switch   // hit br=3/4
    {
        Todo todo when Owns(todo, owner) => "ok",       // hit
        _ => "notfound",                                // hit
    };

    private static string Compare(int n, int limit) => n switch   // hit br=4/4
    {
        > 0 when n > limit => "above",                  // hit
        _ => "other",                                   // hit
    };

    private static string Statement(Todo? found, string owner)
    {
        switch (found)                                  // hit br=2/4
        {
            case Todo todo when todo.OwnerId == owner:  // hit
                return "ok";                            // miss
            default:
                return "notfound";                      // hit
        }
    }

    private static async Task<string> Async(Todo? found, string owner, bool admin)
    {
        await Task.Yield();                             // hit
        return await Task.FromResult(found) switch      // hit br=5/6
        {
            Todo todo when todo.OwnerId == owner || admin => "ok",   // hit
            _ => "notfound"                             // hit
        };
    }

    private static Func<Todo?, string, bool, Task<string>> Lambda()
    {
        Func<Todo?, string, bool, Task<string>> f = async (found, owner, admin) =>   // hit
        {
            return await Task.FromResult(found) switch  // hit br=5/6
            {
                Todo todo when todo.OwnerId == owner || admin => "ok",   // hit
                _ => "notfound"                         // hit
            };
        };
        s_after++;                                      // hit
        return f;                                       // hit
    }

    private static string Sync(Todo? found, string owner, bool admin) =>
        found switch { Todo todo when todo.OwnerId == owner || admin => "ok", _ => "notfound" };   // hit br=5/6
}
