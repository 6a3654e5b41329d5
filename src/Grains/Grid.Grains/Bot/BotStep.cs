using System.Globalization;
using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// The bot in the conversation (pipeline step "bot"): while the bot holds the conversation, it answers from the
/// knowledge base (journaled as a bot message with the entry and its confidence), runs the entry's flow when it has one
/// (<see cref="FlowRunner"/>: its progress is this step's journaled state), asks which of two or three close entries
/// the customer means (their next message picks one by number), hands over to a person when asked, and otherwise says
/// nothing — counting consecutive no-matches in its state for the escalation rules. It never guesses.
/// </summary>
internal sealed class BotStep(BotMatchers matchers) : IInboundStep
{
    private const string Clarifying = "clarify";
    private const string NoMatches = "noMatches";

    /// <summary>How old the silo's copy of the knowledge base may be when a flow looks its entry up (as the analyzer).</summary>
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(1);

    public string Name => "bot";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Status is not (ConversationStatus.New or ConversationStatus.Bot) || context.Escalation is not null || context.Handled
            || context.Analysis.Find<BotFinding>() is not { } finding)
        {
            return;
        }

        var state = context.StepState(Name);
        if (FlowProgress.From(state) is { } progress && await ContinueFlowAsync(context, finding, progress))
        {
            return;
        }

        if (PickedOption(state, context.Message.Text) is { } picked)
        {
            await AnswerAsync(context, picked.EntryId, picked.Answer, 1.0, context.Language);
            return;
        }

        // A clarification the customer did not resolve (this message picks no option) counts as a miss.
        var misses = Misses(state) + (state.ContainsKey(Clarifying) ? 1 : 0);
        var decision = finding.Decision;
        switch (decision.Kind)
        {
            case BotDecisionKind.Human:
                context.Escalate(Name, "default", "asked-for-human");
                Clear(context, state);
                break;
            case BotDecisionKind.Answer when finding.Answer is { } answer && decision.EntryId is { } entryId:
                await AnswerAsync(context, entryId, answer, decision.Confidence, decision.Language);
                break;
            case BotDecisionKind.Clarify when finding.Options.Count >= 2:
                context.Reply(Name, ClarifyText(finding.Options, decision.Language), EntryKind.BotMessage, "clarify");
                var next = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [Clarifying] = finding.Options.Count.ToString(CultureInfo.InvariantCulture),
                    [NoMatches] = misses.ToString(CultureInfo.InvariantCulture),
                };
                for (var i = 0; i < finding.Options.Count; i++)
                {
                    next[$"option{i + 1}"] = finding.Options[i].EntryId;
                    next[$"answer{i + 1}"] = finding.Options[i].Answer;
                }

                context.SetStepState(Name, next);
                break;
            default:
                if (SmallTalk.Of(context.Message.Text) is { } kind)
                {
                    // "bonjour", "merci", "ok": not a question the bot missed; it answers in kind and waits for one.
                    context.Reply(Name, SmallTalk.Answer(kind, decision.Language), EntryKind.BotMessage, kind);
                    break;
                }

                context.SetStepState(Name, new Dictionary<string, string> { [NoMatches] = (misses + 1).ToString(CultureInfo.InvariantCulture) });
                break;
        }
    }

    /// <summary>
    /// The messages in a row the bot could not answer, as of its state: no-matches, and clarifications the customer
    /// did not resolve (the escalation rules compare it with the tenant's limit).
    /// </summary>
    public static int Misses(IReadOnlyDictionary<string, string> state) =>
        state.TryGetValue(NoMatches, out var count) && int.TryParse(count, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Answers with an entry: its answer, or the start of its flow when it has one.</summary>
    private async Task AnswerAsync(InboundContext context, string entryId, string answer, double confidence, string language)
    {
        var (entry, fallback) = await FindAsync(context.Message.Tenant, entryId);
        if (entry?.Flow is { } flow)
        {
            Apply(context, FlowRunner.Start(entryId, flow, answer, context.Message.Text, language, fallback), entryId, confidence);
            return;
        }

        context.Reply(Name, answer, EntryKind.BotMessage, "answer", entryId, confidence);
        context.SetStepState(Name, new Dictionary<string, string>());
    }

    /// <summary>The next message of a flow; false when the customer left it (the message is then handled as any other).</summary>
    private async Task<bool> ContinueFlowAsync(InboundContext context, BotFinding finding, FlowProgress progress)
    {
        var (entry, fallback) = await FindAsync(context.Message.Tenant, progress.EntryId);
        var turn = entry?.Flow is { } flow
            ? FlowRunner.Continue(progress, flow, context.Message.Text, finding.Decision, context.Language, fallback)
            : FlowTurn.Left(progress); // the entry or its flow was deleted since: the message starts afresh
        if (turn.Outcome == FlowOutcome.Left)
        {
            context.SetStepState(Name, new Dictionary<string, string>());
            return false;
        }

        if (turn.Outcome == FlowOutcome.Human)
        {
            RecordSlots(context, progress.EntryId, turn.Values);
            context.Escalate(Name, "default", "asked-for-human");
            context.SetStepState(Name, new Dictionary<string, string>());
            return true;
        }

        Apply(context, turn, progress.EntryId, confidence: null);
        return true;
    }

    private void Apply(InboundContext context, FlowTurn turn, string entryId, double? confidence)
    {
        if (turn.Reply is { } reply)
        {
            context.Reply(Name, reply, EntryKind.BotMessage, turn.Purpose, entryId, confidence);
        }

        if (turn.Next is { } next)
        {
            context.SetStepState(Name, next.ToState());
            return;
        }

        context.SetStepState(Name, new Dictionary<string, string>());
        if (turn.Outcome is FlowOutcome.Done or FlowOutcome.Escalate or FlowOutcome.Task)
        {
            RecordSlots(context, entryId, turn.Values);
        }

        if (turn.Outcome is FlowOutcome.Escalate or FlowOutcome.Task)
        {
            context.Escalate(Name, turn.Queue ?? "default", turn.Reason ?? "flow:" + entryId);
        }
    }

    /// <summary>The slots a flow collected become the conversation's facts ("flow" = the entry, "flow.{slot}" = each value).</summary>
    private void RecordSlots(InboundContext context, string entryId, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["flow"] = entryId };
        foreach (var (name, value) in values)
        {
            facts["flow." + name] = value;
        }

        context.SetFacts(Name, facts);
    }

    private async Task<(KnowledgeEntry? Entry, string DefaultLanguage)> FindAsync(string tenant, string entryId)
    {
        var (_, snapshot) = await matchers.GetWithSnapshotAsync(tenant, SnapshotAge);
        return (snapshot.Entries.FirstOrDefault(e => e.Id == entryId), snapshot.Settings.DefaultLanguage);
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
