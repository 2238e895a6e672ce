using System.Collections;

namespace FlowCover.Data;

/// <summary>
/// A part of a model (its documents or its methods) that is read from the model file the first
/// time anything looks at it; every part of one model shares one reading.
/// </summary>
internal sealed class LazyModelPart<T>(Lazy<ModuleModel> whole, Func<ModuleModel, IReadOnlyList<T>> part) : IReadOnlyList<T>
{
    private IReadOnlyList<T> Items => part(whole.Value);

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
