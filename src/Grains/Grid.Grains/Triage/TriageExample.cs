namespace Grid.Triage;

/// <summary>One labelled email of a tenant's history: its text and category, and the physical line where its record starts.</summary>
internal sealed record TriageExample(string Text, string Category, int Line = 0);
