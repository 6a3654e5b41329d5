using System.Globalization;
using System.Text.RegularExpressions;

namespace Grid.Bot;

/// <summary>
/// Runs a knowledge entry's slot-filling flow, one customer message at a time, as a pure function of the flow's
/// definition, its progress (kept in the bot step's journaled state) and the message with the bot's decision for it.
/// A flow starts when the bot answers its entry (slots the first message already gives, such as an invoice number,
/// are filled at once), asks each missing slot in the customer's language, checks values against the slot's pattern
/// (a value is looked for inside the message: "c'est la inv 2024 01234 merci" gives INV-2024-01234), and ends in the
/// entry's confirmation with an answer, an escalation with the collected slots, or a task for an agent. The customer
/// leaves at any moment by asking for a person, by asking something else the bot can answer, or by saying stop.
/// </summary>
internal static partial class FlowRunner
{
    /// <summary>Invalid values in a row before the bot stops asking and hands over to a person.</summary>
    public const int MaxTries = 3;

    /// <summary>Without a pattern any text is a value: leaving for another entry then needs this much confidence, or a question.</summary>
    public const double LeaveFreeSlotConfidence = 0.8;

    /// <summary>Starts the flow of <paramref name="entryId"/> whose answer the bot gives for <paramref name="text"/>.</summary>
    public static FlowTurn Start(string entryId, KnowledgeFlow flow, string answer, string text, string language, string fallback)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slot in flow.Slots.Where(s => s.Pattern is not null))
        {
            if (Extract(slot, text) is { } value)
            {
                values[slot.Name] = value;
            }
        }

        return Next(new FlowProgress(entryId, 0, 0, values), flow, language, fallback, lead: answer);
    }

    /// <summary>The customer's next message while the flow waits for a slot.</summary>
    public static FlowTurn Continue(FlowProgress progress, KnowledgeFlow flow, string text, BotDecision decision, string language, string fallback)
    {
        if (progress.Slot >= flow.Slots.Count)
        {
            return FlowTurn.Left(progress); // the entry's flow changed under the conversation: start afresh
        }

        if (decision.Kind == BotDecisionKind.Human)
        {
            return FlowTurn.Human(progress);
        }

        if (IsStop(text))
        {
            return new FlowTurn(FlowOutcome.Cancelled, Localized(Stopped, language, fallback), "flow-stopped", null, progress.Values);
        }

        var slot = flow.Slots[progress.Slot];
        var otherEntry = decision.Kind is BotDecisionKind.Answer or BotDecisionKind.Clarify
            && decision.Candidates.Count > 0 && decision.Candidates[0].EntryId != progress.EntryId;
        if (slot.Pattern is null)
        {
            var asksElse = otherEntry && (decision.Confidence >= LeaveFreeSlotConfidence || text.Contains('?'));
            return asksElse ? FlowTurn.Left(progress) : Filled(progress, flow, slot, text.Trim(), language, fallback);
        }

        if (Extract(slot, text) is { } value)
        {
            return Filled(progress, flow, slot, value, language, fallback);
        }

        if (otherEntry)
        {
            return FlowTurn.Left(progress);
        }

        var tries = progress.Tries + 1;
        if (tries >= MaxTries)
        {
            return new FlowTurn(FlowOutcome.Escalate, Localized(GivingUp, language, fallback), "flow-handover", null, progress.Values,
                flow.Queue ?? "default", "flow-stuck:" + progress.EntryId);
        }

        var invalid = slot.Invalid is { Count: > 0 } ? Localized(slot.Invalid, language, fallback) : Localized(DefaultInvalid, language, fallback);
        var prompt = Localized(slot.Prompt, language, fallback);
        return new FlowTurn(FlowOutcome.Ask, invalid + "\n" + prompt, "flow-invalid", progress with { Tries = tries }, progress.Values);
    }

    /// <summary>
    /// The slot's value in the message, normalised as the slot says: the whole message, or a run of one to four of its
    /// words joined by a dash, by nothing or by a space (customers type "inv 2024 01234" for INV-2024-01234).
    /// </summary>
    public static string? Extract(FlowSlot slot, string text)
    {
        if (slot.Pattern is null)
        {
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        var regex = new Regex(slot.Pattern, RegexOptions.CultureInvariant, KnowledgeLimits.PatternTimeout);
        var words = Separators().Split(text).Select(w => w.TrimEnd('.')).Where(w => w.Length > 0).ToArray();
        var candidates = new List<string> { text.Trim() };
        for (var length = 1; length <= Math.Min(4, words.Length); length++)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                var run = words[start..(start + length)];
                candidates.Add(string.Join('-', run));
                if (length > 1)
                {
                    candidates.Add(string.Concat(run));
                    candidates.Add(string.Join(' ', run));
                }
            }
        }

        foreach (var candidate in candidates)
        {
            var value = slot.Normalize switch
            {
                "upper" => candidate.ToUpperInvariant(),
                "lower" => candidate.ToLowerInvariant(),
                _ => candidate,
            };
            try
            {
                if (regex.IsMatch(value))
                {
                    return value;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return null; // a pattern too slow for this message: treated as no value, the customer is asked again
            }
        }

        return null;
    }

    private static FlowTurn Filled(FlowProgress progress, KnowledgeFlow flow, FlowSlot slot, string value, string language, string fallback)
    {
        var values = new Dictionary<string, string>(progress.Values, StringComparer.Ordinal) { [slot.Name] = value };
        return Next(progress with { Slot = progress.Slot + 1, Tries = 0, Values = values }, flow, language, fallback, lead: null);
    }

    /// <summary>Asks the first slot still missing, or ends the flow with its confirmation.</summary>
    private static FlowTurn Next(FlowProgress progress, KnowledgeFlow flow, string language, string fallback, string? lead)
    {
        string Join(string text) => lead is null ? text : lead + "\n\n" + text;
        for (var i = 0; i < flow.Slots.Count; i++)
        {
            if (!progress.Values.ContainsKey(flow.Slots[i].Name))
            {
                return new FlowTurn(FlowOutcome.Ask, Join(Localized(flow.Slots[i].Prompt, language, fallback)), lead is null ? "flow-prompt" : "flow-start",
                    progress with { Slot = i, Tries = 0 }, progress.Values);
            }
        }

        var confirm = flow.Confirm is { Count: > 0 } ? Fill(Localized(flow.Confirm, language, fallback), progress.Values) : null;
        var text = confirm is null ? lead ?? Localized(Done, language, fallback) : Join(confirm);
        return flow.End switch
        {
            "escalate" => new FlowTurn(FlowOutcome.Escalate, text, "flow-end", null, progress.Values, flow.Queue ?? "default", "flow:" + progress.EntryId),
            "task" => new FlowTurn(FlowOutcome.Task, text, "flow-end", null, progress.Values, flow.Queue ?? "default", "task:" + progress.EntryId),
            _ => new FlowTurn(FlowOutcome.Done, text, "flow-end", null, progress.Values),
        };
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static string Localized(IReadOnlyDictionary<string, string> texts, string language, string fallback) =>
        texts.TryGetValue(language, out var text) ? text
        : texts.TryGetValue(fallback, out var other) ? other
        : texts.Values.First();

    /// <summary>A short message that only says stop: "stop", "annuler", "laisse tomber", "never mind", "forget it".</summary>
    private static bool IsStop(string text)
    {
        var folded = TextNormalizer.Fold(text).Trim().TrimEnd('.', '!');
        return StopPhrases.Contains(folded);
    }

    private static readonly HashSet<string> StopPhrases = new(StringComparer.Ordinal)
    {
        "stop", "annuler", "annule", "laisse tomber", "laissez tomber", "oublie", "oubliez", "oubliez ca", "non merci", "tant pis",
        "cancel", "never mind", "nevermind", "forget it", "no thanks", "quit",
    };

    private static readonly Dictionary<string, string> DefaultInvalid = new()
    {
        ["fr"] = "Je n'ai pas reconnu cette valeur.",
        ["en"] = "I didn't recognise that value.",
    };

    private static readonly Dictionary<string, string> GivingUp = new()
    {
        ["fr"] = "Je n'arrive pas à reconnaître cette information. Je transmets votre demande à un conseiller, qui reprendra avec vous.",
        ["en"] = "I can't make out that information. I'm passing your request to an adviser, who will take it from here.",
    };

    private static readonly Dictionary<string, string> Stopped = new()
    {
        ["fr"] = "D'accord, j'arrête là. Posez-moi une autre question quand vous voulez, ou demandez à parler à un conseiller.",
        ["en"] = "All right, I've stopped. Ask me anything else whenever you like, or ask to talk to an adviser.",
    };

    private static readonly Dictionary<string, string> Done = new()
    {
        ["fr"] = "C'est noté, merci.",
        ["en"] = "Noted, thank you.",
    };

    [GeneratedRegex(@"[\s,;:!?()""'«»]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>How a flow turn ends for the conversation.</summary>
internal enum FlowOutcome
{
    /// <summary>The bot asks (a slot, or again after an invalid value); the flow goes on.</summary>
    Ask,

    /// <summary>The flow ended in its answer.</summary>
    Done,

    /// <summary>The flow ended in an escalation with its slots (or the bot gave up after invalid values).</summary>
    Escalate,

    /// <summary>The flow ended in a task for an agent (the conversation is queued with the slots).</summary>
    Task,

    /// <summary>The customer asked something else: the flow is dropped and the message handled as any other.</summary>
    Left,

    /// <summary>The customer said stop.</summary>
    Cancelled,

    /// <summary>The customer asked for a person.</summary>
    Human,
}

/// <summary>What one message did to a flow: the bot's reply and its purpose, the progress from now on (null when the flow ended), the slots collected.</summary>
internal sealed record FlowTurn(
    FlowOutcome Outcome,
    string? Reply,
    string Purpose,
    FlowProgress? Next,
    IReadOnlyDictionary<string, string> Values,
    string? Queue = null,
    string? Reason = null)
{
    public static FlowTurn Left(FlowProgress progress) => new(FlowOutcome.Left, null, "", null, progress.Values);

    public static FlowTurn Human(FlowProgress progress) => new(FlowOutcome.Human, null, "", null, progress.Values);
}

/// <summary>
/// A flow's progress, as the bot step's state: the entry, the slot asked, the invalid values in a row, the values so far
/// ("flow", "slot", "tries", "value.{name}").
/// </summary>
internal sealed record FlowProgress(string EntryId, int Slot, int Tries, IReadOnlyDictionary<string, string> Values)
{
    private const string FlowKey = "flow";
    private const string ValuePrefix = "value.";

    public static FlowProgress? From(IReadOnlyDictionary<string, string> state)
    {
        if (!state.TryGetValue(FlowKey, out var entry))
        {
            return null;
        }

        var values = state.Where(p => p.Key.StartsWith(ValuePrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[ValuePrefix.Length..], p => p.Value, StringComparer.Ordinal);
        return new FlowProgress(entry, Int(state, "slot"), Int(state, "tries"), values);
    }

    public Dictionary<string, string> ToState()
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FlowKey] = EntryId,
            ["slot"] = Slot.ToString(CultureInfo.InvariantCulture),
            ["tries"] = Tries.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in Values)
        {
            state[ValuePrefix + name] = value;
        }

        return state;
    }

    private static int Int(IReadOnlyDictionary<string, string> state, string key) =>
        state.TryGetValue(key, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
