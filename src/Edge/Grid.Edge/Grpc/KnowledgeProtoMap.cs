using Grid.Bot;
using Grid.Edge.Grpc.Validation;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// Maps between knowledge.proto and the knowledge-base records. Only what the records cannot say is checked here
/// (a missing message, an enum value out of range); the knowledge-base grain checks the content.
/// </summary>
internal static class KnowledgeProtoMap
{
    private const string FlowEnds = "FLOW_END_ANSWER, FLOW_END_ESCALATE or FLOW_END_TASK";

    public static Validated<KnowledgeEntry> FromProto(P.KnowledgeEntry? entry)
    {
        if (entry is null)
        {
            return new ValidationError("entry", "entry is required: the entry to store (id, questions, answers…)");
        }

        KnowledgeFlow? flow = null;
        if (entry.Flow is { } proto)
        {
            var end = proto.End switch
            {
                P.FlowEnd.Answer => "answer",
                P.FlowEnd.Escalate => "escalate",
                P.FlowEnd.Task => "task",
                _ => null,
            };
            if (end is null)
            {
                return new ValidationError("entry.flow.end", proto.End == P.FlowEnd.Unspecified
                    ? $"entry.flow.end is required: {FlowEnds}"
                    : $"entry.flow.end ({(int)proto.End}) is not a flow end: {FlowEnds}");
            }

            var slots = new List<FlowSlot>(proto.Slots.Count);
            for (var i = 0; i < proto.Slots.Count; i++)
            {
                var slot = proto.Slots[i];
                string? normalize;
                switch (slot.Normalize)
                {
                    case P.SlotNormalization.None:
                        normalize = null;
                        break;
                    case P.SlotNormalization.Upper:
                        normalize = "upper";
                        break;
                    case P.SlotNormalization.Lower:
                        normalize = "lower";
                        break;
                    default:
                        return new ValidationError($"entry.flow.slots[{i}].normalize",
                            $"entry.flow.slots[{i}].normalize ({(int)slot.Normalize}) is not a normalization: SLOT_NORMALIZATION_NONE, SLOT_NORMALIZATION_UPPER or SLOT_NORMALIZATION_LOWER");
                }

                slots.Add(new FlowSlot(slot.Name, Texts(slot.Prompt), Optional(slot.Pattern), normalize, slot.Invalid.Count == 0 ? null : Texts(slot.Invalid)));
            }

            flow = new KnowledgeFlow(slots, proto.Confirm.Count == 0 ? null : Texts(proto.Confirm), end, Optional(proto.Queue));
        }

        var questions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (language, phrasings) in entry.Questions)
        {
            questions[language] = phrasings?.Texts.ToList() ?? [];
        }

        return new KnowledgeEntry(entry.Id, entry.Tags.ToList(), questions, Texts(entry.Answers), flow);
    }

    public static P.KnowledgeEntry ToProto(KnowledgeEntry entry)
    {
        var proto = new P.KnowledgeEntry { Id = entry.Id, Tags = { entry.Tags } };
        foreach (var (language, phrasings) in entry.Questions)
        {
            proto.Questions[language] = new P.Phrasings { Texts = { phrasings } };
        }

        proto.Answers.Add(entry.Answers.ToDictionary());
        if (entry.Flow is { } flow)
        {
            proto.Flow = new P.KnowledgeFlow
            {
                End = flow.End switch
                {
                    "answer" => P.FlowEnd.Answer,
                    "escalate" => P.FlowEnd.Escalate,
                    "task" => P.FlowEnd.Task,
                    _ => P.FlowEnd.Unspecified,
                },
                Queue = flow.Queue ?? "",
            };
            proto.Flow.Confirm.Add(flow.Confirm?.ToDictionary() ?? []);
            foreach (var slot in flow.Slots)
            {
                var protoSlot = new P.FlowSlot
                {
                    Name = slot.Name,
                    Pattern = slot.Pattern ?? "",
                    Normalize = slot.Normalize switch
                    {
                        "upper" => P.SlotNormalization.Upper,
                        "lower" => P.SlotNormalization.Lower,
                        _ => P.SlotNormalization.None,
                    },
                };
                protoSlot.Prompt.Add(slot.Prompt.ToDictionary());
                protoSlot.Invalid.Add(slot.Invalid?.ToDictionary() ?? []);
                proto.Flow.Slots.Add(protoSlot);
            }
        }

        return proto;
    }

    public static Validated<KnowledgeSettings> FromProto(P.KnowledgeSettings? settings) =>
        settings is null
            ? new ValidationError("settings", "settings is required: threshold, synonyms and default_language (the whole settings)")
            : new KnowledgeSettings(
                settings.Threshold,
                settings.Synonyms.Select(g => (IReadOnlyList<string>)(g?.Words.ToList() ?? [])).ToList(),
                settings.DefaultLanguage,
                settings.OutOfScope.Count == 0 ? null : [.. settings.OutOfScope]);

    public static P.KnowledgeSettings ToProto(KnowledgeSettings settings)
    {
        var proto = new P.KnowledgeSettings { Threshold = settings.Threshold, DefaultLanguage = settings.DefaultLanguage };
        proto.Synonyms.AddRange(settings.Synonyms.Select(g => new P.SynonymGroup { Words = { g } }));
        proto.OutOfScope.AddRange(settings.OutOfScope ?? []);
        return proto;
    }

    public static P.EvaluateResponse ToProto(KnowledgeEvaluation evaluation)
    {
        var decision = evaluation.Decision;
        var proto = new P.EvaluateResponse
        {
            Kind = decision.Kind switch
            {
                BotDecisionKind.NoMatch => P.BotDecisionKind.NoMatch,
                BotDecisionKind.Answer => P.BotDecisionKind.Answer,
                BotDecisionKind.Clarify => P.BotDecisionKind.Clarify,
                BotDecisionKind.Human => P.BotDecisionKind.Human,
                _ => P.BotDecisionKind.Unspecified,
            },
            EntryId = decision.EntryId ?? "",
            Confidence = decision.Confidence,
            Language = decision.AnswerLanguage ?? decision.Language ?? "",
            DetectedLanguage = decision.Language ?? "",
            Version = evaluation.Version,
        };
        proto.Candidates.AddRange(decision.Candidates.Select(c => new P.BotCandidate { EntryId = c.EntryId, Confidence = c.Confidence }));
        return proto;
    }

    public static P.UnansweredQuestionGroup ToProto(UnansweredQuestionGroup group) => new()
    {
        Representative = group.Representative,
        Count = group.Count,
        Languages = { group.Languages },
        FirstSeen = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(group.FirstSeen),
        LastSeen = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(group.LastSeen),
        Examples = { group.Examples },
    };

    /// <summary>A proto map as a dictionary the grains can serialise (not protobuf's MapField).</summary>
    private static Dictionary<string, string> Texts(Google.Protobuf.Collections.MapField<string, string> map) => new(map, StringComparer.Ordinal);

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
