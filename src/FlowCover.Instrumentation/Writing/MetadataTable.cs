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

    /// <summary>Adds a row to a table sorted on <paramref name="keyColumn"/> (II.22: CustomAttribute
    /// on its parent), after every row whose key is not greater; returns its number. Only for
    /// tables no other row points into, as the rows after it move down.</summary>
    public int InsertSorted(int keyColumn, params ReadOnlySpan<uint> row)
    {
        if (row.Length != columns)
            throw new ArgumentException($"a row of this table has {columns} columns, not {row.Length}");
        var at = RowCount;
        while (at > 0 && values[(at - 1) * columns + keyColumn] > row[keyColumn])
            at--;
        values.InsertRange(at * columns, row.ToArray());
        return at + 1;
    }

    internal List<uint> Values => values;
}
