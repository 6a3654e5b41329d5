using Google.Protobuf.WellKnownTypes;
using Grid.Bot;
using Grid.Edge.Grpc.Validation;
using P = Grid.Protos.V1;

namespace Grid.Tests.EdgeUnits;

/// <summary>The ListUnansweredQuestions rules and defaults, without a host.</summary>
public sealed class UnansweredQuestionsValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_request_asks_for_the_last_30_days_20_groups_every_language()
    {
        var query = UnansweredQuestionsValidator.Validate(new P.ListUnansweredQuestionsRequest(), Now);

        Assert.True(query.IsValid, query.Error?.Message);
        Assert.Equal(new UnansweredQuery(Now.AddDays(-30), Now, 20, null), query.Value);
    }

    [Fact]
    public void A_period_a_limit_and_a_language_are_taken_as_given()
    {
        var request = new P.ListUnansweredQuestionsRequest
        {
            Since = Timestamp.FromDateTimeOffset(Now.AddDays(-7)),
            Until = Timestamp.FromDateTimeOffset(Now.AddDays(-1)),
            Limit = 200,
            Language = "en",
        };

        Assert.Equal(new UnansweredQuery(Now.AddDays(-7), Now.AddDays(-1), 200, "en"), UnansweredQuestionsValidator.Validate(request, Now).Value);
        var untilOnly = UnansweredQuestionsValidator.Validate(new P.ListUnansweredQuestionsRequest { Until = request.Until }, Now).Value!;
        Assert.Equal((Now.AddDays(-31), Now.AddDays(-1)), (untilOnly.Since, untilOnly.Until));
    }

    public static TheoryData<P.ListUnansweredQuestionsRequest, string, string> Refused() => new()
    {
        {
            new P.ListUnansweredQuestionsRequest { Since = Timestamp.FromDateTimeOffset(Now.AddDays(-1)), Until = Timestamp.FromDateTimeOffset(Now.AddDays(-2)) },
            "since", "since (2026-04-30T12:00:00Z) is after until (2026-04-29T12:00:00Z): the period must start before it ends"
        },
        { new P.ListUnansweredQuestionsRequest { Since = Timestamp.FromDateTimeOffset(Now.AddDays(1)) }, "since", "is after until" },
        { new P.ListUnansweredQuestionsRequest { Limit = 201 }, "limit", "limit must be from 1 to 200, or 0 for the default 20 (it is 201)" },
        { new P.ListUnansweredQuestionsRequest { Limit = -1 }, "limit", "(it is -1)" },
        { new P.ListUnansweredQuestionsRequest { Language = "jp" }, "language", "language 'jp' is not supported: the languages are fr, en, de, es, it, nl, pt" },
        { new P.ListUnansweredQuestionsRequest { Language = "fr\u0000" }, "language", "language is not supported" },
        { new P.ListUnansweredQuestionsRequest { Until = new Timestamp { Seconds = 1, Nanos = -5 } }, "until", "until is not a valid timestamp" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_requests_are_refused_naming_the_field(P.ListUnansweredQuestionsRequest request, string field, string message)
    {
        var result = UnansweredQuestionsValidator.Validate(request, Now);

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Error.Field);
        Assert.Contains(message, result.Error.Message);
    }
}
