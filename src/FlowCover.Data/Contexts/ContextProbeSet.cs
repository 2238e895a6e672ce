namespace FlowCover.Data.Contexts;

/// <summary>
/// The probes one context ran in one module: bit i of <see cref="Probes"/> (byte i / 8, bit i % 8,
/// least significant first) is set when probe i ran while <see cref="Test"/> was in flight, and,
/// on a server, while it answered a request matched to <see cref="Route"/>.
/// </summary>
/// <param name="Test">A fully qualified test name (<c>Namespace.Class.Method</c>), <c>(setup) Namespace.Class</c>,
/// or <c>(none)</c>.</param>
/// <param name="Route">The route template with its HTTP method (<c>GET /fx/{base}/{quote}</c>), or null
/// outside a request.</param>
/// <param name="ModuleKey">The module key of the module model the probes belong to.</param>
public sealed record ContextProbeSet(string Test, string? Route, string ModuleKey, byte[] Probes);
