namespace FlowCover.Reporting;

/// <summary>
/// Names sorted the way people expect and coverage.py sorts them: runs of digits compare as
/// numbers, so <c>Step2.cs</c> comes before <c>Step10.cs</c>; other text compares ordinally, and
/// the whole name breaks ties so that <c>x1</c> and <c>x01</c> still have an order.
/// </summary>
public sealed class HumanOrder : IComparer<string>
{
    public static readonly HumanOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var startI = i;
            var startJ = j;
            var digits = char.IsAsciiDigit(x[i]);
            if (digits != char.IsAsciiDigit(y[j]))
                return string.CompareOrdinal(x[i..], y[j..]);
            while (i < x.Length && char.IsAsciiDigit(x[i]) == digits)
                i++;
            while (j < y.Length && char.IsAsciiDigit(y[j]) == digits)
                j++;
            var a = x.AsSpan(startI, i - startI);
            var b = y.AsSpan(startJ, j - startJ);
            var order = digits ? CompareNumbers(a, b) : a.CompareTo(b, StringComparison.Ordinal);
            if (order != 0)
                return order;
        }
        var rest = (x.Length - i).CompareTo(y.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }

    /// <summary>Digit runs by value, without parsing: leading zeros off, then length, then digits.</summary>
    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.CompareTo(b, StringComparison.Ordinal);
    }
}
