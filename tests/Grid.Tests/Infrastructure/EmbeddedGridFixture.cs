namespace Grid.Tests.Infrastructure;

/// <summary>One embedded host shared by a collection of end-to-end tests; each test uses fresh senders and agents.</summary>
public sealed class EmbeddedGridFixture : IAsyncLifetime
{
    public EmbeddedGrid Grid { get; } = new();

    public Task InitializeAsync() => Grid.StartAsync();

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedGridFixture>
{
    public const string Name = "embedded";
}
