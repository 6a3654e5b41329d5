namespace Grid.Tests.Infrastructure;

/// <summary>One embedded host shared by a collection of end-to-end tests; each test uses fresh senders and agents.</summary>
public sealed class EmbeddedGridFixture : IAsyncLifetime
{
    public EmbeddedGrid Grid { get; } = new();

    // A short re-delivery delay so that a test can watch an unacknowledged message come again; a conversation clock that
    // ticks every second so that deadlines of a few seconds are seen on time.
    public Task InitializeAsync() => Grid.StartAsync(new Dictionary<string, string>
    {
        ["Grid__Outbound__RedeliverAfter"] = "00:00:03",
        ["Grid__Conversations__ClockPeriod"] = "00:00:01",
    });

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedGridFixture>
{
    public const string Name = "embedded";
}
