namespace FxApi.Data;

/// <summary>One stored rate: how many <see cref="Quote"/> one <see cref="Base"/> buys on <see cref="Date"/>.</summary>
public sealed class FxRate
{
    public int Id { get; set; }
    public required string Base { get; set; }
    public required string Quote { get; set; }
    public DateOnly Date { get; set; }
    public decimal Rate { get; set; }
}
