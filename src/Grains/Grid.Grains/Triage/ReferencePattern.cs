namespace Grid.Triage;

/// <summary>
/// One kind of reference a tenant's customers quote (an invoice, an account, a contract, an order), as the tenant
/// configures it: <see cref="DetectRegex"/> finds what people type (case, spaces or dashes between the parts, the
/// look-alikes kept out by its own lookarounds) and <see cref="Canonical"/> rebuilds the canonical form from its groups
/// (<c>INV-{1}-{2}</c>; a named group as <c>{year}</c>). <see cref="Format"/> is the form shown to people
/// (<c>INV-YYYY-NNNNN</c>). Compiled by <see cref="ReferencePatterns.Compile"/>.
/// </summary>
internal sealed record ReferencePattern(string Kind, string Format, string DetectRegex, string Canonical);
