namespace Grid.Triage;

/// <summary>
/// A reference found in a text: its <see cref="Kind"/>, its <see cref="Canonical"/> form, the <see cref="Raw"/> text as
/// typed and the zero-based <see cref="Index"/> of its first occurrence.
/// </summary>
internal sealed record ExtractedReference(string Kind, string Canonical, string Raw, int Index);
