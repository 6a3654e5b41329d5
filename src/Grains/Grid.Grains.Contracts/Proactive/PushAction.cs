namespace Grid.Proactive;

/// <summary>
/// What a customer can do from a push's link without calling (docs/architecture.md, "Actionable pushes"): choose one of
/// the tenant's options (pickup points, time slots), confirm that it works again or is still broken, ask for a callback.
/// Kept with the incident message it belongs to, so a push made at any time (a deferred one, a fallback channel) renders
/// its link the same way. <see cref="ResultIntegrator"/> receives each answer on its outbound stream.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.PushAction")]
public sealed record PushAction(
    [property: Id(0)] string Kind,
    [property: Id(1)] IReadOnlyList<ActionOption> Options,
    [property: Id(2)] IReadOnlyDictionary<string, string> Prompts,
    [property: Id(3)] TimeSpan? LinkLifetime,
    [property: Id(4)] string ResultIntegrator);

/// <summary>One choice of a choose-option action: the tenant's id and its label per language.</summary>
[GenerateSerializer, Immutable, Alias("grid.ActionOption")]
public sealed record ActionOption(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyDictionary<string, string> Labels);

/// <summary>The kinds of actions and the fixed choices of those that have them.</summary>
public static class PushActionKinds
{
    public const string ChooseOption = "choose-option";
    public const string Confirm = "confirm";
    public const string AskCallback = "ask-callback";

    public const string WorksAgain = "works-again";
    public const string StillBroken = "still-broken";
    public const string Callback = "callback";

    public static readonly IReadOnlyList<string> All = [ChooseOption, Confirm, AskCallback];
}

/// <summary>An incident message's action as the link page needs it: the action and the message's text per language (its link left out).</summary>
[GenerateSerializer, Immutable, Alias("grid.IncidentActionView")]
public sealed record IncidentActionView(
    [property: Id(0)] PushAction Action,
    [property: Id(1)] IReadOnlyDictionary<string, string> Texts,
    [property: Id(2)] string? FallbackLanguage);

/// <summary>
/// A customer's answer through a link, as the link grain hands it to the customer grain: it goes into the customer's
/// open conversation (or a new one) as an <c>ActionAnswered</c> event, with the answer on their channel and the result on
/// <see cref="ResultIntegrator"/>'s outbound stream. <see cref="IdempotencyKey"/> (customer, incident message) makes a
/// second use of any link of that push a duplicate, refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ActionAnswer")]
public sealed record ActionAnswer(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int MessageNo,
    [property: Id(2)] string Kind,
    [property: Id(3)] string ChoiceId,
    [property: Id(4)] string ChoiceLabel,
    [property: Id(5)] string Language,
    [property: Id(6)] string ResultIntegrator,
    [property: Id(7)] string ThanksText,
    [property: Id(8)] string LinkCustomerId)
{
    public const string IdempotencySourcePrefix = "action:";

    public string IdempotencySource => IdempotencySourcePrefix + IncidentId;

    /// <summary>The push's key: the customer the link was made for (before any merge) and the incident message.</summary>
    public string IdempotencyKey => KeyOf(LinkCustomerId, MessageNo);

    public static string KeyOf(string linkCustomerId, int messageNo) => linkCustomerId + "/" + messageNo.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The action's id as integrators see it: the incident and its message.</summary>
    public string ActionId => IncidentId + "/" + MessageNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
