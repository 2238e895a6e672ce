namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The value a switch dispatch's edge matched, as its IL compared it: an integer constant (a
/// <c>beq</c> on <c>ldc.i4 5</c>, a jump-table entry, a <c>char</c> or an enum's number), a string
/// (<c>op_Equality</c> with <c>ldstr</c>) or a type (<c>isinst</c>, by its name without namespace).
/// It tells which of a section's stacked labels (<c>case 1: case 2:</c>, <c>case int: case
/// long:</c>) the edge is, so each is named by the source (docs/annotations.md).
/// </summary>
public sealed record SwitchLabelMatch(long? Integer = null, string? String = null, string? TypeName = null);
