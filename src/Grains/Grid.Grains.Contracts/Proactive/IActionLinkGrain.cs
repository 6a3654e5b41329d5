namespace Grid.Proactive;

/// <summary>
/// The pages of actionable pushes' links (key: tenant; a stateless worker): checks a link's token (signature, tenant,
/// expiry), reads the incident message's action, and records an answer through the customer's grain. A link used
/// twice, expired, forged or naming an unknown action changes nothing (<see cref="ActionPage.Outcome"/> says why).
/// </summary>
[Alias("grid.IActionLinkGrain")]
public interface IActionLinkGrain : IGrainWithStringKey
{
    /// <summary>What the page of <paramref name="token"/> shows: the choices, or why it is refused. Reads only.</summary>
    [Alias("OpenAsync")]
    Task<ActionPage> OpenAsync(string token);

    /// <summary>Records the choice <paramref name="choiceId"/> once; a second use, an expired or forged link, an unknown choice are refused.</summary>
    [Alias("AnswerAsync")]
    Task<ActionPage> AnswerAsync(string token, string choiceId);
}

/// <summary>A link page: its outcome (<see cref="ActionOutcomes"/>), the customer's language when known, and what to show.</summary>
[GenerateSerializer, Immutable, Alias("grid.ActionPage")]
public sealed record ActionPage(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string? Language,
    [property: Id(2)] string Prompt,
    [property: Id(3)] string Text,
    [property: Id(4)] IReadOnlyList<ActionChoice> Choices,
    [property: Id(5)] string? Chosen);

/// <summary>A choice on the page: its id (the form's value) and its label in the customer's language.</summary>
[GenerateSerializer, Immutable, Alias("grid.ActionChoice")]
public sealed record ActionChoice(
    [property: Id(0)] string Id,
    [property: Id(1)] string Label);

/// <summary>What became of a link's request.</summary>
public static class ActionOutcomes
{
    /// <summary>The link is good: the page shows the choices.</summary>
    public const string Open = "open";

    /// <summary>The choice was recorded.</summary>
    public const string Answered = "answered";

    /// <summary>The link's lifetime is over.</summary>
    public const string Expired = "expired";

    /// <summary>The link was used already (this one or another link of the same push).</summary>
    public const string Used = "used";

    /// <summary>The token is not one Grid signed (altered, truncated, another tenant's key).</summary>
    public const string Forged = "forged";

    /// <summary>Well signed, but its incident message or action no longer exists.</summary>
    public const string Unknown = "unknown";

    /// <summary>The choice posted is not one of the action's.</summary>
    public const string BadChoice = "bad-choice";
}
