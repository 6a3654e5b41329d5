using System.Globalization;
using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// The bot in the conversation (pipeline step "bot"): while the bot holds the conversation, it answers from the
/// knowledge base (journaled as a bot message with the entry and its confidence), asks which of two or three close
/// entries the customer means (their next message picks one by number), hands over to a person when asked, and
/// otherwise says nothing — counting consecutive no-matches in its state for the escalation rules. It never guesses.
/// </summary>
internal sealed class BotStep : IInboundStep
{
    private const string Clarifying = "clarify";
    private const string NoMatches = "noMatches";

    public string Name => "bot";

    public ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Status is not (ConversationStatus.New or ConversationStatus.Bot) || context.Analysis.Find<BotFinding>() is not { } finding)
        {
            return ValueTask.CompletedTask;
        }

        var state = context.StepState(Name);
        if (PickedOption(state, context.Message.Text) is { } picked)
        {
            context.Reply(Name, picked.Answer, EntryKind.BotMessage, "answer", picked.EntryId, 1.0);
            context.SetStepState(Name, new Dictionary<string, string>());
            return ValueTask.CompletedTask;
        }

        var decision = finding.Decision;
        switch (decision.Kind)
        {
            case BotDecisionKind.Human:
                context.Escalate(Name, "default", "asked-for-human");
                Clear(context, state);
                break;
            case BotDecisionKind.Answer when finding.Answer is { } answer:
                context.Reply(Name, answer, EntryKind.BotMessage, "answer", decision.EntryId, decision.Confidence);
                Clear(context, state);
                break;
            case BotDecisionKind.Clarify when finding.Options.Count >= 2:
                context.Reply(Name, ClarifyText(finding.Options, decision.Language), EntryKind.BotMessage, "clarify");
                var next = new Dictionary<string, string>(StringComparer.Ordinal) { [Clarifying] = finding.Options.Count.ToString(CultureInfo.InvariantCulture) };
                for (var i = 0; i < finding.Options.Count; i++)
                {
                    next[$"option{i + 1}"] = finding.Options[i].EntryId;
                    next[$"answer{i + 1}"] = finding.Options[i].Answer;
                }

                context.SetStepState(Name, next);
                break;
            default:
                var misses = state.TryGetValue(NoMatches, out var count) && int.TryParse(count, CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
                context.SetStepState(Name, new Dictionary<string, string> { [NoMatches] = misses.ToString(CultureInfo.InvariantCulture) });
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>After a clarification, "1", "2", "3" (or "le 2", "option 2") picks an option.</summary>
    private static BotOption? PickedOption(IReadOnlyDictionary<string, string> state, string text)
    {
        if (!state.ContainsKey(Clarifying))
        {
            return null;
        }

        var digits = text.Where(char.IsAsciiDigit).ToArray();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (digits.Length != 1 || words.Length > 3)
        {
            return null;
        }

        var key = digits[0].ToString();
        return state.TryGetValue("option" + key, out var entry) && state.TryGetValue("answer" + key, out var answer) ? new BotOption(entry, "", answer) : null;
    }

    private static string ClarifyText(IReadOnlyList<BotOption> options, string language)
    {
        var lines = options.Select((o, i) => $"{i + 1}. {o.Question}");
        return language == "fr"
            ? "Je veux être sûr de bien comprendre. Voulez-vous dire :\n" + string.Join('\n', lines) + "\nRépondez par le numéro."
            : "I want to be sure I understand. Do you mean:\n" + string.Join('\n', lines) + "\nReply with the number.";
    }

    private void Clear(InboundContext context, IReadOnlyDictionary<string, string> state)
    {
        if (state.Count > 0)
        {
            context.SetStepState(Name, new Dictionary<string, string>());
        }
    }
}
