namespace FlowCover.Instrumentation.Writing;

/// <summary>One table's rows as column values, decoded from whatever widths the file used.</summary>
internal sealed class MetadataTable(int columns, List<uint> values)
{
    public int ColumnCount => columns;

    public int RowCount => columns == 0 ? 0 : values.Count / columns;

    /// <summary>Column <paramref name="column"/> of row <paramref name="row"/>, numbered from 1
    /// as tokens number rows.</summary>
    public uint this[int row, int column]
    {
        get => values[(row - 1) * columns + column];
        set => values[(row - 1) * columns + column] = value;
    }

    /// <summary>Appends a row; returns its number.</summary>
    public int Add(params ReadOnlySpan<uint> row)
    {
        if (row.Length != columns)
            throw new ArgumentException($"a row of this table has {columns} columns, not {row.Length}");
        foreach (var value in row)
            values.Add(value);
        return RowCount;
    }

    internal List<uint> Values => values;
}
