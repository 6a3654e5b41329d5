namespace Grid.Escalation;

/// <summary>
/// A tenant's escalation rules: when the bot stops and a person takes over. Each escalation is journaled with the rule
/// that decided it (its reason): "asked-for-human", "no-match-limit", "negative-sentiment", "tier:&lt;name&gt;",
/// "flow:&lt;entry&gt;", "task:&lt;entry&gt;", "flow-stuck:&lt;entry&gt;", "no-bot-answer" (no bot in the pipeline), "bot-warming-up" (the silo was still building the tenant's bot).
/// </summary>
/// <param name="NoMatchLimit">Consecutive messages the bot could not answer (no match, or a clarification the customer did not resolve) before a person takes over; 1 to 10.</param>
/// <param name="SentimentThreshold">A customer message whose sentiment score (−1 to 1) is at or below this goes to a person; null: sentiment never escalates.</param>
/// <param name="Tiers">Customer tiers: whether the tier always goes to a person, and its priority in the queues.</param>
/// <param name="Hours">When people answer; null: always.</param>
/// <param name="Queue">The queue escalations go to unless a flow names its own.</param>
/// <param name="ReopenOnCsatAtMost">A satisfaction rating at or below this (1 to 5) reopens the resolved conversation and puts it back in the queue ("negative-csat"); null: never.</param>
/// <param name="Sla">Response and resolution deadlines by priority band; empty: no deadlines.</param>
/// <param name="StatusInterval">While a customer waits for a person, a status update goes out when nothing was said for this long; null: none.</param>
/// <param name="AutoResolveAfter">A conversation whose customer has not written since our last answer for this long is resolved ("customer-silent"); null: never.</param>
/// <param name="Quiet">Hours when non-urgent updates (waiting status, place in the queue) are not sent; null: none.</param>
/// <param name="Templates">The tenant's own wording of the messages Grid sends by itself, per purpose and language.</param>
/// <param name="ResponseTimes">The response time the acknowledgement announces per triage category.</param>
[GenerateSerializer, Immutable, Alias("grid.EscalationPolicy")]
public sealed record EscalationPolicy(
    [property: Id(0)] int NoMatchLimit,
    [property: Id(1)] double? SentimentThreshold,
    [property: Id(2)] IReadOnlyList<TierRule> Tiers,
    [property: Id(3)] OpeningHours? Hours,
    [property: Id(4)] string Queue,
    [property: Id(5)] int? ReopenOnCsatAtMost = null,
    [property: Id(6)] IReadOnlyList<SlaRule>? Sla = null,
    [property: Id(7)] TimeSpan? StatusInterval = null,
    [property: Id(8)] TimeSpan? AutoResolveAfter = null,
    [property: Id(9)] QuietHours? Quiet = null,
    [property: Id(10)] IReadOnlyList<NoticeTemplate>? Templates = null,
    [property: Id(11)] IReadOnlyDictionary<string, TimeSpan>? ResponseTimes = null)
{
    /// <summary>
    /// The response time to announce for a conversation of <paramref name="category"/> at <paramref name="priority"/>:
    /// the category's, else the first-response deadline of the priority, else null.
    /// </summary>
    public TimeSpan? ResponseTimeFor(string? category, int priority) =>
        category is not null && ResponseTimes is not null && ResponseTimes.TryGetValue(category, out var within) ? within : SlaFor(priority)?.FirstResponse;

    /// <summary>Two misses, sentiment at −0.5, no tiers, always open, the "default" queue.</summary>
    public static EscalationPolicy Default { get; } = new(2, -0.5, [], null, "default");

    /// <summary>The rule of a tier, or null for a customer without one (or with a tier the policy does not name).</summary>
    public TierRule? TierOf(string? tier) => tier is null ? null : Tiers.FirstOrDefault(t => t.Name == tier);

    /// <summary>The deadlines of a priority: the rule with the highest <see cref="SlaRule.MinPriority"/> at or below it (null: none).</summary>
    public SlaRule? SlaFor(int priority) =>
        (Sla ?? []).Where(r => r.MinPriority <= priority).OrderByDescending(r => r.MinPriority).FirstOrDefault();
}

/// <summary>
/// Deadlines for conversations of <see cref="MinPriority"/> and above (up to the next rule's): the first answer of a
/// person after the escalation, each next answer after the customer wrote, and the resolution after the escalation.
/// A missed deadline is journaled ("sla-breached"), raises the conversation's priority and alerts supervisors.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.SlaRule")]
public sealed record SlaRule(
    [property: Id(0)] int MinPriority,
    [property: Id(1)] TimeSpan? FirstResponse,
    [property: Id(2)] TimeSpan? NextResponse,
    [property: Id(3)] TimeSpan? Resolution);

/// <summary>Local hours ("21:00" to "08:00" spans midnight) in <see cref="TimeZone"/> (an IANA id) when non-urgent updates wait.</summary>
[GenerateSerializer, Immutable, Alias("grid.QuietHours")]
public sealed record QuietHours(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] string From,
    [property: Id(2)] string To);

/// <summary>
/// The tenant's wording of one message Grid sends by itself (<see cref="Purpose"/>, such as "acknowledgement" or
/// "agent-joined") in one language; placeholders in braces ("{agent}", "{position}") are filled in.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.NoticeTemplate")]
public sealed record NoticeTemplate(
    [property: Id(0)] string Purpose,
    [property: Id(1)] string Language,
    [property: Id(2)] string Text);

/// <summary>A customer tier: "platinum" always goes to a person, with a priority in the queues (higher first, 0 to 100).</summary>
[GenerateSerializer, Immutable, Alias("grid.TierRule")]
public sealed record TierRule(
    [property: Id(0)] string Name,
    [property: Id(1)] bool AlwaysHuman,
    [property: Id(2)] int Priority);

/// <summary>
/// When people answer: a weekly schedule in the tenant's time zone (an IANA id such as "Europe/Paris"), as opening
/// slots per day ("09:00" to "18:00", local time), and holidays ("2026-12-25", local dates) when nobody answers.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.OpeningHours")]
public sealed record OpeningHours(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] IReadOnlyList<OpeningSlot> Week,
    [property: Id(2)] IReadOnlyList<string> Holidays);

/// <summary>One opening slot of a weekday, local time, "HH:mm" (From before To).</summary>
[GenerateSerializer, Immutable, Alias("grid.OpeningSlot")]
public sealed record OpeningSlot(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] string From,
    [property: Id(2)] string To);

/// <summary>The policy with the version of its last change (0: never set, the defaults apply).</summary>
[GenerateSerializer, Immutable, Alias("grid.VersionedEscalationPolicy")]
public sealed record VersionedEscalationPolicy(
    [property: Id(0)] EscalationPolicy Policy,
    [property: Id(1)] long Version);
