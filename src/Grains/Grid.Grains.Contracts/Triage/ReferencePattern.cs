namespace Grid.Triage;

/// <summary>
/// One kind of reference a tenant's customers quote (an invoice, an account, a contract, an order), as the tenant
/// configures it: <see cref="DetectRegex"/> finds what people type (case, spaces or dashes between the parts, the
/// look-alikes kept out by its own lookarounds) and <see cref="Canonical"/> rebuilds the canonical form from its groups
/// (<c>INV-{1}-{2}</c>; a named group as <c>{year}</c>). <see cref="Format"/> is the form shown to people
/// (<c>INV-YYYY-NNNNN</c>). Compiled (and refused, naming the field) by the silo's <c>ReferencePatterns.Compile</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ReferencePattern")]
public sealed record ReferencePattern(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Format,
    [property: Id(2)] string DetectRegex,
    [property: Id(3)] string Canonical);
