using Grid.Bot;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// Checks a ListUnansweredQuestions request without side effects and fills its defaults: the timestamps, until (now when
/// unset) not before since (30 days before until when unset), the limit (0 for the default 20, at most 200), the language
/// (empty, or one of the knowledge base's languages).
/// </summary>
public static class UnansweredQuestionsValidator
{
    /// <summary>The query to run, or the first thing wrong with the request; <paramref name="now"/> is the default end of the period.</summary>
    public static Validated<UnansweredQuery> Validate(P.ListUnansweredQuestionsRequest request, DateTimeOffset now)
    {
        if ((TextRules.Time(request.Since, "since") ?? TextRules.Time(request.Until, "until")) is { } badTime)
        {
            return badTime;
        }

        var until = request.Until?.ToDateTimeOffset() ?? now;
        var since = request.Since?.ToDateTimeOffset() ?? until - UnansweredLimits.DefaultPeriod;
        if (since > until)
        {
            return new ValidationError("since", $"since ({Format(since)}) is after until ({Format(until)}): the period must start before it ends");
        }

        if (request.Limit is < 0 or > UnansweredLimits.MaxGroups)
        {
            return new ValidationError("limit",
                $"limit must be from 1 to {UnansweredLimits.MaxGroups}, or 0 for the default {UnansweredLimits.DefaultGroups} (it is {request.Limit})");
        }

        if (request.Language.Length > 0 && !KnowledgeLimits.Languages.Contains(request.Language, StringComparer.Ordinal))
        {
            // Echoed only when it is a short word: the message must stay printable.
            var shown = request.Language.Length <= 16 && request.Language.All(char.IsAsciiLetter) ? $" '{request.Language}'" : "";
            return new ValidationError("language",
                $"language{shown} is not supported: the languages are {string.Join(", ", KnowledgeLimits.Languages)} (or empty for every language)");
        }

        return new UnansweredQuery(since, until, request.Limit == 0 ? UnansweredLimits.DefaultGroups : request.Limit, request.Language.Length == 0 ? null : request.Language);
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
