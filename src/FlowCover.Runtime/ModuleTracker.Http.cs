using System;
using System.Reflection;
using System.Threading;

namespace FlowCover.Runtime;

/// <summary>
/// Contexts across HTTP (docs/contexts.md, "Across HTTP"), by the W3C headers .NET already sends.
/// A test's mark starts an <c>Activity</c> carrying the test in its baggage; HttpClient sends
/// the current Activity's baggage (and <c>traceparent</c>) with every request; ASP.NET Core's
/// request Activity receives it, in this process or any other. The module that makes a process's
/// hub listens for request Activities (an <c>ActivityListener</c>, once a process): when one
/// starts with a test in its baggage, the context is that test for everything the request runs;
/// when it stops, the context is what it was before.
///
/// Through reflection, not references: System.Diagnostics.DiagnosticSource is in every .NET
/// shared framework but not in netstandard2.0, which this template is compiled for, and a
/// reference would be added to every module measured. Where it cannot be found (an old
/// framework) contexts simply stay in the process. Failures here never reach the test or the
/// server: a context that does not cross is a lost attribution, not a broken program.
/// </summary>
public static unsafe partial class ModuleTracker
{
    private const string DiagnosticSource = ", System.Diagnostics.DiagnosticSource";

    /// <summary>The baggage item that carries the test, its name escaped as a URI component.</summary>
    private const string BaggageKey = "flowcover.test";

    private const string TestActivityName = "FlowCover.Test";

    private const string RequestActivityName = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    /// <summary>The request Activity's custom property holding the context from before it started
    /// (<see cref="NoContext"/> for none).</summary>
    private const string PreviousContext = "flowcover.previous";

    // Activity's members, looked up once per module; s_activity stays null where there is none.
    private static Type? s_activity;
    private static PropertyInfo? s_current;
    private static PropertyInfo? s_operationName;
    private static MethodInfo? s_addBaggage;
    private static MethodInfo? s_getBaggageItem;
    private static MethodInfo? s_setCustomProperty;
    private static MethodInfo? s_getCustomProperty;
    private static MethodInfo? s_start;
    private static MethodInfo? s_stop;
    private static bool s_activityLookedUp;

    /// <summary>Starts the test's Activity, with the test in its baggage, as the current one.</summary>
    private static void StartTestActivity(string context)
    {
        try
        {
            if (!FindActivity())
                return;
            object? activity = Activator.CreateInstance(s_activity!, new object[] { TestActivityName });
            s_addBaggage!.Invoke(activity, new object[] { BaggageKey, Uri.EscapeDataString(context) });
            s_start!.Invoke(activity, null);
        }
        catch (Exception)
        {
            // The test runs on; its requests just carry no context.
        }
    }

    /// <summary>Stops the test's Activity if it is the current one, which makes its parent current again.</summary>
    private static void StopTestActivity()
    {
        try
        {
            if (s_stop == null)
                return;
            object? current = s_current!.GetValue(null, null);
            if (current != null && (string?)s_operationName!.GetValue(current, null) == TestActivityName)
                s_stop!.Invoke(current, null);
        }
        catch (Exception)
        {
            // As above: never the test's problem.
        }
    }

    private static bool FindActivity()
    {
        lock (s_lock)
        {
            if (!s_activityLookedUp)
            {
                s_activityLookedUp = true;
                LookUpActivity();
            }
            return s_stop != null;
        }
    }

    private static void LookUpActivity()
    {
        Type? type = Type.GetType("System.Diagnostics.Activity" + DiagnosticSource, false);
        if (type == null)
            return;
        s_activity = type;
        s_current = type.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
        s_operationName = type.GetProperty("OperationName");
        s_addBaggage = type.GetMethod("AddBaggage", new Type[] { typeof(string), typeof(string) });
        s_getBaggageItem = type.GetMethod("GetBaggageItem", new Type[] { typeof(string) });
        s_setCustomProperty = type.GetMethod("SetCustomProperty", new Type[] { typeof(string), typeof(object) });
        s_getCustomProperty = type.GetMethod("GetCustomProperty", new Type[] { typeof(string) });
        s_start = type.GetMethod("Start", Type.EmptyTypes);
        MethodInfo? stop = type.GetMethod("Stop", Type.EmptyTypes);
        // Stop last: it is what says every member was found.
        if (s_current != null && s_operationName != null && s_addBaggage != null && s_getBaggageItem != null
            && s_setCustomProperty != null && s_getCustomProperty != null && s_start != null)
            s_stop = stop;
    }

    /// <summary>Listens for ASP.NET Core's request Activities, once a process (by the module
    /// that makes the hub). It listens to the source ASP.NET Core names and to the unnamed one,
    /// because ASP.NET Core makes its request Activity without its source when no listener
    /// samples it (this one does not, so it changes no one's sampling).</summary>
    private static void ListenToRequests()
    {
        try
        {
            Type? listenerType = Type.GetType("System.Diagnostics.ActivityListener" + DiagnosticSource, false);
            Type? sourceType = Type.GetType("System.Diagnostics.ActivitySource" + DiagnosticSource, false);
            MethodBase? here = MethodBase.GetCurrentMethod();
            if (listenerType == null || sourceType == null || here == null || here.DeclaringType == null || !FindActivity())
                return;
            object? listener = Activator.CreateInstance(listenerType);
            Type self = here.DeclaringType;
            Handle(listener, listenerType, "ShouldListenTo", self, "ListensTo");
            Handle(listener, listenerType, "ActivityStarted", self, "OnActivityStarted");
            Handle(listener, listenerType, "ActivityStopped", self, "OnActivityStopped");
            MethodInfo? add = sourceType.GetMethod("AddActivityListener", BindingFlags.Public | BindingFlags.Static);
            if (add != null)
                add.Invoke(null, new object?[] { listener });
        }
        catch (Exception)
        {
            // No attribution across HTTP in this process; everything else works as before.
        }
    }

    private static void Handle(object? listener, Type listenerType, string property, Type self, string method)
    {
        PropertyInfo? handler = listenerType.GetProperty(property);
        MethodInfo? target = self.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static);
        if (handler != null && target != null)
            handler.SetValue(listener, Delegate.CreateDelegate(handler.PropertyType, target), null);
    }

    /// <summary>The listener's <c>ShouldListenTo</c>: ASP.NET Core's source and the unnamed one.</summary>
    private static bool ListensTo(object source)
    {
        PropertyInfo? name = source.GetType().GetProperty("Name");
        string? value = name == null ? null : name.GetValue(source, null) as string;
        return value != null && (value.Length == 0 || value == "Microsoft.AspNetCore");
    }

    /// <summary>A request Activity started, on the request's own flow: its test, if its baggage
    /// names one, is the context of everything the request runs.</summary>
    private static void OnActivityStarted(object activity)
    {
        try
        {
            if ((string?)s_operationName!.GetValue(activity, null) != RequestActivityName)
                return;
            string? test = s_getBaggageItem!.Invoke(activity, new object[] { BaggageKey }) as string;
            if (test == null || test.Length == 0)
                return;
            AsyncLocal<string?> context = CurrentContext();
            string? previous = context.Value;
            s_setCustomProperty!.Invoke(activity, new object[] { PreviousContext, previous == null ? NoContext : previous });
            context.Value = Uri.UnescapeDataString(test);
        }
        catch (Exception)
        {
            // The request runs on in the context it had.
        }
    }

    /// <summary>A request Activity stopped: the context is again what it was before the request.</summary>
    private static void OnActivityStopped(object activity)
    {
        try
        {
            if ((string?)s_operationName!.GetValue(activity, null) != RequestActivityName)
                return;
            string? previous = s_getCustomProperty!.Invoke(activity, new object[] { PreviousContext }) as string;
            if (previous != null)
                CurrentContext().Value = previous == NoContext ? null : previous;
        }
        catch (Exception)
        {
            // As above.
        }
    }
}
