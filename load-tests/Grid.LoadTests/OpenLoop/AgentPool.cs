using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Edge;
using Grid.Edge.Agents;
using Grid.Edge.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// Agents as real SignalR clients of the edges' hubs (tokens signed with the host's key; in turn over the edges'
/// addresses): available, they accept every offer, reply to each customer message after a think time, and resolve a
/// conversation after <c>repliesBeforeResolve</c> replies (or after <see cref="Hold"/> when the customer stops writing),
/// which frees their capacity for the next offer. Records when
/// each offer and each customer message reached an agent's socket, and the handoff's latency (escalation decided, the
/// journal's time carried in the offer's context, → offer received).
/// </summary>
public sealed class AgentPool : IAsyncDisposable
{
    private readonly List<LoadAgent> agents = [];
    private readonly ConcurrentDictionary<string, LoadAgent> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, long), long> entries = new();
    private readonly ConcurrentBag<long> handoffs = [];
    private long offers, replies, resolved, refused;

    private AgentPool(TimeSpan think, int repliesBeforeResolve, TimeSpan hold)
    {
        Think = think;
        RepliesBeforeResolve = repliesBeforeResolve;
        Hold = hold;
    }

    public TimeSpan Think { get; }

    /// <summary>How long an agent keeps a conversation whose customer stopped writing before resolving it.</summary>
    public TimeSpan Hold { get; }

    public int RepliesBeforeResolve { get; }

    public long Offers => Interlocked.Read(ref offers);

    public long Replies => Interlocked.Read(ref replies);

    public long Resolved => Interlocked.Read(ref resolved);

    public long Refused => Interlocked.Read(ref refused);

    public int Held => held.Count;

    /// <summary>Conversation id → the customer who writes in it (from the ledger), to pick follow-ups to agents.</summary>
    public Func<string, Customer?> CustomerOf { get; set; } = _ => null;

    public static async Task<AgentPool> ConnectAsync(
        string[] hubUrls, string signingKey, int count, TimeSpan think, int repliesBeforeResolve, TimeSpan hold, string tenant = "demo")
    {
        var pool = new AgentPool(think, repliesBeforeResolve, hold);
        var auth = new AuthOptions { SigningKey = signingKey };
        var prefix = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < count; i++)
        {
            var token = AgentTokens.Mint(auth, tenant, $"load-{prefix}-{i}", $"Load {i}", "agent", TimeSpan.FromHours(4));
            pool.agents.Add(await LoadAgent.ConnectAsync(pool, hubUrls[i % hubUrls.Length], token));
        }

        return pool;
    }

    /// <summary>A customer whose conversation an agent holds now, or null.</summary>
    public Customer? AnyHeldCustomer()
    {
        var keys = held.Keys;
        return keys.Count == 0 ? null : CustomerOf(keys.ElementAt(Random.Shared.Next(keys.Count)));
    }

    /// <summary>When the customer message (conversation, seq) reached an agent's socket (Stopwatch ticks), if it did.</summary>
    public bool TryGetArrival(string conversationId, long seq, out long at) => entries.TryGetValue((conversationId, seq), out at);

    /// <summary>The handoff latencies recorded since the last call, in Stopwatch ticks; clears them.</summary>
    public long[] TakeHandoffs()
    {
        var taken = new List<long>();
        while (handoffs.TryTake(out var t))
        {
            taken.Add(t);
        }

        return [.. taken];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }
    }

    private sealed class LoadAgent : IAsyncDisposable
    {
        private readonly AgentPool pool;
        private readonly HubConnection hub;
        private readonly ConcurrentDictionary<string, int> repliesIn = new(StringComparer.Ordinal);
        private long nextReply;

        private LoadAgent(AgentPool pool, HubConnection hub)
        {
            this.pool = pool;
            this.hub = hub;
            hub.On<OfferDto>(nameof(IAgentClient.ReceiveOffer), OnOffer);
            hub.On<EntryDto>(nameof(IAgentClient.ReceiveEntry), OnEntry);
        }

        public static async Task<LoadAgent> ConnectAsync(AgentPool pool, string hubUrl, string token)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl($"{hubUrl.TrimEnd('/')}{AgentHub.Path}", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var agent = new LoadAgent(pool, hub);
            await hub.StartAsync();
            await hub.InvokeAsync<AgentDto>("SetPresence", "Available");
            return agent;
        }

        public async ValueTask DisposeAsync() => await hub.DisposeAsync();

        private void OnOffer(OfferDto offer)
        {
            var now = DateTimeOffset.UtcNow;
            Interlocked.Increment(ref pool.offers);
            if (offer.Context?.EscalatedAt is { } escalatedAt)
            {
                pool.handoffs.Add(Math.Max(1, (long)((now - escalatedAt).TotalSeconds * Stopwatch.Frequency)));
            }

            _ = Act(offer.Conversation.ConversationId, async id =>
            {
                await hub.InvokeAsync<ConversationDto>("Accept", id);
                pool.held[id] = this;
                _ = Act(id, ResolveWhenHeldTooLongAsync);
                await Task.Delay(pool.Think);
                await ReplyAsync(id);
            });
        }

        private void OnEntry(EntryDto entry)
        {
            if (entry.Kind != "CustomerMessage")
            {
                return;
            }

            pool.entries.TryAdd((entry.ConversationId, entry.Seq), Stopwatch.GetTimestamp());
            if (pool.held.TryGetValue(entry.ConversationId, out var holder) && holder == this)
            {
                _ = Act(entry.ConversationId, async id =>
                {
                    await Task.Delay(pool.Think);
                    await ReplyAsync(id);
                });
            }
        }

        private async Task ReplyAsync(string conversationId)
        {
            if (!pool.held.ContainsKey(conversationId))
            {
                return;
            }

            await hub.InvokeAsync<ReplyDto>("Reply", conversationId, $"r{Interlocked.Increment(ref nextReply)}-{Guid.NewGuid():N}", "Je regarde votre dossier, un instant.");
            Interlocked.Increment(ref pool.replies);
            if (repliesIn.AddOrUpdate(conversationId, 1, (_, n) => n + 1) >= pool.RepliesBeforeResolve && pool.held.TryRemove(conversationId, out _))
            {
                repliesIn.TryRemove(conversationId, out _);
                await hub.InvokeAsync("Resolve", conversationId, "load test");
                Interlocked.Increment(ref pool.resolved);
            }
        }

        /// <summary>A customer who stops writing does not hold the agent's capacity for ever: resolved after <see cref="Hold"/>.</summary>
        private async Task ResolveWhenHeldTooLongAsync(string conversationId)
        {
            await Task.Delay(pool.Hold);
            if (pool.held.TryRemove(KeyValuePair.Create(conversationId, this)))
            {
                repliesIn.TryRemove(conversationId, out _);
                await hub.InvokeAsync("Resolve", conversationId, "load test");
                Interlocked.Increment(ref pool.resolved);
            }
        }

        private async Task Act(string conversationId, Func<string, Task> action)
        {
            try
            {
                await action(conversationId);
            }
            catch (Exception ex)
            {
                // An offer taken back, a conversation resolved meanwhile, a refusal: counted (the first few shown), not fatal.
                if (Interlocked.Increment(ref pool.refused) <= 5)
                {
                    Console.Error.WriteLine($"agent call on {conversationId} failed: {ex.GetType().Name}: {ex.Message}");
                }

                pool.held.TryRemove(conversationId, out _);
            }
        }
    }
}
