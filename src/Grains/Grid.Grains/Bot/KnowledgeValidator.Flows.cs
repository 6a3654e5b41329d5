using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Grid.Bot.KnowledgeLimits;

namespace Grid.Bot;

/// <summary>Flows: their slots (names, prompts, patterns that compile), confirmation placeholders and how they end.</summary>
internal static partial class KnowledgeValidator
{
    private static KnowledgeProblem? Flow(KnowledgeFlow flow)
    {
        if (flow.Slots is null)
        {
            return KnowledgeProblem.Invalid("flow.slots", "flow.slots is required (it may be empty)");
        }

        if (flow.Slots.Count > MaxSlots)
        {
            return KnowledgeProblem.Invalid("flow.slots", $"flow.slots has {flow.Slots.Count} slots; the limit is {MaxSlots}");
        }

        var names = new List<string>();
        for (var i = 0; i < flow.Slots.Count; i++)
        {
            if (Slot(flow.Slots[i], $"flow.slots[{i}]", names) is { } bad)
            {
                return bad;
            }
        }

        if ((Texts(flow.Confirm, "flow.confirm", MaxAnswerLength, required: null) ?? Placeholders(flow.Confirm, names)) is { } badConfirm)
        {
            return badConfirm;
        }

        if (string.IsNullOrEmpty(flow.End))
        {
            return KnowledgeProblem.Invalid("flow.end", "flow.end is required: answer, escalate or task");
        }

        if (!FlowEnds.Contains(flow.End))
        {
            return KnowledgeProblem.Invalid("flow.end", $"flow.end must be answer, escalate or task (it is '{KnowledgeText.Quote(flow.End)}')");
        }

        if (flow.End == "escalate" && string.IsNullOrEmpty(flow.Queue))
        {
            return KnowledgeProblem.Invalid("flow.queue", "flow.queue is required when flow.end is escalate: the queue the conversation goes to");
        }

        if (flow.Queue is not null && !IsSlug(flow.Queue, 63))
        {
            return KnowledgeProblem.Invalid("flow.queue", $"flow.queue '{KnowledgeText.Quote(flow.Queue)}' is not a queue name: a lowercase slug ({SlugRule}, at most 63 characters)");
        }

        return null;
    }

    private static KnowledgeProblem? Slot(FlowSlot? slot, string field, List<string> names)
    {
        if (slot is null)
        {
            return KnowledgeProblem.Invalid(field, $"{field} is empty: a slot has a name and a prompt");
        }

        if (string.IsNullOrEmpty(slot.Name))
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name is required: a lowercase identifier ([a-z][a-z0-9_]*, at most {MaxSlotNameLength} characters) that confirmations quote as {{name}}");
        }

        if (slot.Name.Length > MaxSlotNameLength || !SlotName().IsMatch(slot.Name))
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name '{KnowledgeText.Quote(slot.Name)}' is not a lowercase identifier ([a-z][a-z0-9_]*, at most {MaxSlotNameLength} characters)");
        }

        if (names.IndexOf(slot.Name) is var other and >= 0)
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name '{slot.Name}' is the name of flow.slots[{other}] too: slot names must differ");
        }

        names.Add(slot.Name);
        if (Texts(slot.Prompt, $"{field}.prompt", MaxPromptLength, required: "the question asking for the value in at least one language") is { } badPrompt)
        {
            return badPrompt;
        }

        if (slot.Pattern is not null && Pattern(slot.Pattern, $"{field}.pattern") is { } badPattern)
        {
            return badPattern;
        }

        if (slot.Normalize is not null && !Normalizations.Contains(slot.Normalize))
        {
            return KnowledgeProblem.Invalid($"{field}.normalize", $"{field}.normalize must be upper or lower, or be left out (it is '{KnowledgeText.Quote(slot.Normalize)}')");
        }

        return Texts(slot.Invalid, $"{field}.invalid", MaxPromptLength, required: null);
    }

    /// <summary>A pattern must compile as a .NET regular expression, with the timeout it is matched with.</summary>
    private static KnowledgeProblem? Pattern(string pattern, string field)
    {
        if (KnowledgeText.Check(pattern, field, MaxPatternLength) is { } bad)
        {
            return bad;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return KnowledgeProblem.Invalid(field, $"{field} does not compile as a regular expression: {ex.Message}");
        }
    }

    /// <summary>A confirmation's placeholders ({name}) must name slots of the flow.</summary>
    private static KnowledgeProblem? Placeholders(IReadOnlyDictionary<string, string>? confirm, List<string> names)
    {
        foreach (var (language, text) in confirm ?? new Dictionary<string, string>())
        {
            foreach (Match placeholder in Placeholder().Matches(text))
            {
                var name = placeholder.Groups[1].Value;
                if (!names.Contains(name))
                {
                    var slots = names.Count == 0 ? "the flow has no slots" : "its slots: " + string.Join(", ", names);
                    return KnowledgeProblem.Invalid($"flow.confirm.{language}", $"flow.confirm.{language} quotes {{{name}}}, which is not a slot of the flow ({slots})");
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")]
    private static partial Regex SlotName();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
