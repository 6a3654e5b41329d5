using System.Net;
using Grid.Edge;

namespace Grid.Tests.EdgeUnits;

/// <summary>The rate limit of refusal log lines: one per address and kind per window, then the count of those not logged.</summary>
public sealed class RefusalLogTests
{
    [Fact]
    public void One_line_per_address_and_kind_per_window_then_the_count_of_those_not_logged()
    {
        var clock = new ManualClock();
        var log = new RefusalLog(clock);

        Assert.True(log.ShouldLog("hub", "10.0.0.1", out var suppressed));
        Assert.Equal(0, suppressed);
        for (var i = 0; i < 25; i++)
        {
            Assert.False(log.ShouldLog("hub", "10.0.0.1", out _));
        }

        // Another address, another kind: their own windows.
        Assert.True(log.ShouldLog("hub", "10.0.0.2", out _));
        Assert.True(log.ShouldLog("api-key", "10.0.0.1", out _));

        clock.Advance(RefusalLog.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(log.ShouldLog("hub", "10.0.0.1", out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(log.ShouldLog("hub", "10.0.0.1", out suppressed));
        Assert.Equal(26, suppressed);
        Assert.False(log.ShouldLog("hub", "10.0.0.1", out _));
    }

    [Fact]
    public void Addresses_beyond_the_limit_share_one_slot_until_old_ones_expire()
    {
        var clock = new ManualClock();
        var log = new RefusalLog(clock);
        for (var i = 0; i < RefusalLog.MaxTracked; i++)
        {
            Assert.True(log.ShouldLog("grpc", $"addr-{i}", out _));
        }

        Assert.True(log.ShouldLog("grpc", "late-1", out _)); // the shared slot's first line
        Assert.False(log.ShouldLog("grpc", "late-2", out _)); // shares it
        clock.Advance(RefusalLog.Window);
        Assert.True(log.ShouldLog("grpc", "late-3", out _)); // the expired ones are dropped: a slot of its own
        Assert.False(log.ShouldLog("grpc", "late-3", out _));
        Assert.True(log.ShouldLog("grpc", "late-4", out _));
    }

    [Fact]
    public void Ipv4_mapped_addresses_are_shown_as_ipv4()
    {
        Assert.Equal("127.0.0.1", RefusalLog.Address(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal("::1", RefusalLog.Address(IPAddress.IPv6Loopback));
        Assert.Equal("unknown", RefusalLog.Address(null));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
