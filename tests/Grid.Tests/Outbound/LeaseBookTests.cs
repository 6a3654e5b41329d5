using Grid.Hosting;
using Grid.Outbound;

namespace Grid.Tests.Outbound;

/// <summary>
/// The outbox grain's lease book and rate limits, pure (the time is given): a leased message is nobody else's until its
/// lease ends; an expired lease goes back, first to the other streams; a closing stream gives everything back at once;
/// sends are counted towards dead letters; a channel's bucket lets one second's worth through, then the rate.
/// </summary>
public sealed class LeaseBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly OutboxOptions Options = new() { RedeliverAfter = TimeSpan.FromSeconds(10), MaxAttempts = 3, MaxLeasedPerStream = 2 };

    [Fact]
    public void A_leased_message_is_nobody_elses_until_its_lease_expires_then_goes_first_to_another_stream()
    {
        var book = new LeaseBook(Options);
        var m = Message(1);
        book.Asking("a", T0);
        book.Asking("b", T0);
        Assert.Equal(Offer.Ready, book.Judge(m, "a", T0));
        Assert.Equal(1, book.Grant("a", m, T0));
        Assert.Equal((Offer.Leased, Offer.Leased), (book.Judge(m, "a", T0), book.Judge(m, "b", T0.AddSeconds(9))));
        Assert.Equal(T0.AddSeconds(10), book.NextExpiry());

        Assert.Equal(0, book.Expire(T0.AddSeconds(9.9)));
        var later = T0.AddSeconds(10);
        Assert.Equal(1, book.Expire(later));
        book.Asking("b", later);
        // b, alive, gets it now; a (which let the lease expire) only one lease time later.
        Assert.Equal(Offer.Ready, book.Judge(m, "b", later));
        Assert.Equal(Offer.Waiting, book.Judge(m, "a", later));
        Assert.Equal(later.AddSeconds(10), book.DueOf(m.OutboundId, "a", later));
        Assert.Equal(2, book.Grant("b", m, later));
        Assert.Equal("b", book.HolderOf(m.OutboundId));
    }

    [Fact]
    public void Alone_a_stream_gets_its_unacknowledged_message_again_with_growing_gaps_then_it_is_a_dead_letter()
    {
        var book = new LeaseBook(Options);
        var m = Message(1);
        var now = T0;
        for (var send = 1; send <= 3; send++)
        {
            book.Asking("a", now);
            Assert.Equal(Offer.Ready, book.Judge(m, "a", now));
            Assert.Equal(send, book.Grant("a", m, now));
            var gap = Options.Backoff(send);
            book.Expire(now + Options.RedeliverAfter);
            Assert.Equal(send == 1 ? Offer.Ready : Offer.Waiting, book.Judge(m, "a", now + Options.RedeliverAfter));
            now += gap;
        }

        Assert.Equal(Offer.MaxAttempts, book.Judge(m, "a", now));
        Assert.Equal(3, book.Attempts(m.OutboundId));
        Assert.Equal(Offer.TooOld, book.Judge(m, "a", m.CreatedAt + Options.DeadAfter));
        book.Done([m.OutboundId]);
        Assert.Equal((0, Offer.Ready), (book.Attempts(m.OutboundId), book.Judge(m, "a", now)));
    }

    [Fact]
    public void A_stream_holds_at_most_its_window_and_a_closing_stream_gives_everything_back_at_once()
    {
        var book = new LeaseBook(Options);
        var (m1, m2, m3) = (Message(1), Message(2), Message(3));
        book.Grant("a", m1, T0);
        book.Grant("a", m2, T0);
        book.Advance(2);
        Assert.Equal((0, 2), (book.Room("a"), book.Room("b")));
        book.Grant("b", m3, T0);
        book.Advance(3);
        Assert.Equal(3, book.Low);

        // a wrote m1 and never m2: m1's send counts, m2's does not; both are offered at once; the watermark goes back.
        book.Release("a", new HashSet<string> { m2.OutboundId }, T0.AddSeconds(1));
        Assert.Equal((2, 0, 1, 0), (book.Room("a"), (int)book.Low, book.Attempts(m1.OutboundId), book.Attempts(m2.OutboundId)));
        Assert.Equal((Offer.Ready, Offer.Ready, Offer.Leased), (book.Judge(m1, "b", T0.AddSeconds(1)), book.Judge(m2, "b", T0.AddSeconds(1)), book.Judge(m3, "c", T0.AddSeconds(1))));

        // An acknowledgement ends the lease without moving the watermark back.
        book.Advance(3);
        book.Done([m3.OutboundId]);
        Assert.Equal((3L, 2, (string?)null), (book.Low, book.Room("b"), book.HolderOf(m3.OutboundId)));
        book.Restart([m1]);
        Assert.Equal((0L, 0), (book.Low, book.Attempts(m1.OutboundId)));
    }

    [Fact]
    public void A_limited_channel_lets_one_seconds_worth_through_then_the_rate_and_other_channels_are_not_limited()
    {
        var options = new OutboxOptions { RateLimits = new(StringComparer.OrdinalIgnoreCase) { ["sms-gw"] = new() { ["sms"] = 4 } } };
        var rates = new ChannelRateLimiter(options, "sms-gw");
        var granted = Enumerable.Range(0, 10).Count(i => rates.TryTake(Channel.Sms, T0, out _));
        Assert.Equal(4, granted);
        Assert.False(rates.TryTake(Channel.Sms, T0, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(0.25), wait);
        Assert.True(rates.TryTake(Channel.Email, T0, out _));
        Assert.True(rates.TryTake(Channel.Sms, T0.AddSeconds(0.25), out _));
        Assert.False(rates.TryTake(Channel.Sms, T0.AddSeconds(0.25), out _));
        // A long pause refills one second's worth, no more.
        Assert.Equal(4, Enumerable.Range(0, 10).Count(i => rates.TryTake(Channel.Sms, T0.AddMinutes(1), out _)));
        Assert.Null(new OutboxOptions().RateOf("sms-gw", Channel.Sms));
    }

    [Fact]
    public void Bad_outbound_options_name_the_key_to_fix()
    {
        var options = new OutboxOptions
        {
            RedeliverAfter = TimeSpan.Zero,
            MaxLeasedPerStream = 0,
            RateLimits = new(StringComparer.OrdinalIgnoreCase) { ["sms-gw"] = new() { ["pigeon"] = 3, ["sms"] = 0, ["1"] = 5 } },
        };
        var problems = OutboxOptions.Check(options).ToList();
        Assert.Contains("Grid:Outbound:RedeliverAfter must be a positive duration (e.g. 00:01:00)", problems);
        Assert.Contains(problems, p => p.StartsWith("Grid:Outbound:MaxLeasedPerStream must be 1 to 100000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Grid:Outbound:RateLimits:sms-gw:pigeon: 'pigeon' is not a channel", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Grid:Outbound:RateLimits:sms-gw:1: '1' is not a channel", StringComparison.Ordinal));
        Assert.Contains("Grid:Outbound:RateLimits:sms-gw:sms must be 0 < messages per second <= 100000 (it is 0)", problems);
        Assert.Empty(OutboxOptions.Check(new OutboxOptions()));
    }

    private static OutboundMessage Message(long cursor) =>
        new(cursor, $"cnv_1:{cursor}", "cnv_1", cursor, Channel.Sms, "+33600000000", "text", EntryKind.SystemMessage, "system", T0.AddMinutes(-1), null, "cus_1");
}
