using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Tests.Security;

/// <summary>
/// 10,000 calls with bad credentials against a real host with raised rate limits: a missing, unknown or hashed API key
/// (UNAUTHENTICATED) and a key lacking the scope (PERMISSION_DENIED) on every method of every gRPC service; another
/// tenant's conversation, customer and outbound ids (NOT_FOUND, acks of nothing); agents' tokens that are missing,
/// forged, expired, of another issuer or audience, or malformed (401 on the hub); too-low roles and other tenants'
/// conversations on the hub. Every row of both databases is the same before and after.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class CredentialTests(SecurityGridFixture fixture)
{
    private const int Total = 10_000;

    /// <summary>The scope each service needs, written out here so that a change of the product's table shows.</summary>
    private static readonly Dictionary<string, string> ServiceScopes = new()
    {
        ["grid.v1.IngestService"] = "ingest",
        ["grid.v1.OutboundService"] = "outbound",
        ["grid.v1.ReadService"] = "read",
        ["grid.v1.KnowledgeService"] = "admin",
        ["grid.v1.EscalationService"] = "admin",
        ["grid.v1.RoutingService"] = "admin",
        ["grid.v1.DirectoryService"] = "admin",
        ["grid.v1.GdprService"] = "gdpr",
        ["grid.v1.ProactiveService"] = "proactive",
        ["grid.v1.TriageService"] = "read", // Classify and GetModel: read or admin
    };

    private static readonly HashSet<string> AdminTriageMethods = ["UploadModel", "SetReferencePatterns", "GetReferencePatterns"];

    [Fact]
    public async Task Ten_thousand_calls_with_bad_credentials_are_refused_with_the_right_status_and_store_nothing()
    {
        var grid = fixture.Grid;
        var victims = (await fixture.VictimsAsync()).Take(150).ToList();
        await using var agent = await AgentConnection.ConnectAsync(grid.HttpPort, fixture.Keys.Token(SecurityGridFixture.TenantA, "cred-agent"));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grid.GrpcPort}");
        await using var attacker = fixture.Integrator($"{SecurityGridFixture.TenantA}-all");
        var before = await SettledAsync();

        var wrong = new List<string>();
        var calls = 0;
        var attempts = GrpcAttempts(channel.CreateCallInvoker()).ToList();
        var crossTenant = CrossTenantAttempts(attacker, victims).ToList();
        var hub = HubAttempts(agent, grid.HttpPort, victims).ToList();
        var rounds = (int)Math.Ceiling((Total - crossTenant.Count - hub.Count) / (double)attempts.Count);
        var all = Enumerable.Range(0, rounds).SelectMany(_ => attempts).Concat(crossTenant).Concat(hub).ToList();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (attempt, _) =>
        {
            var problem = await attempt();
            Interlocked.Increment(ref calls);
            if (problem is not null)
            {
                lock (wrong)
                {
                    wrong.Add(problem);
                }
            }
        });

        // Real SignalR clients with each kind of bad token are refused at the connection (401).
        foreach (var (kind, token) in BadTokens())
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => AgentConnection.ConnectAsync(grid.HttpPort, token!));
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{kind} token: {refused.StatusCode}");
            calls++;
        }

        Assert.True(calls >= Total, $"{calls} calls");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {calls} calls answered otherwise:\n{string.Join('\n', wrong.Distinct().Take(30))}\n{Faults(grid.Process.Output)}");
        Assert.False(grid.Process.HasExited);
        var after = await StoredAsync();
        Assert.True(before.SequenceEqual(after), "Stored rows changed:\n" + Changed(before, after));
    }

    /// <summary>Every method of every service with no key, an unknown key, a key's hash and each key lacking its scope.</summary>
    private IEnumerable<Func<Task<string?>>> GrpcAttempts(CallInvoker invoker)
    {
        var services = SecurityGridFixture.Services();
        Assert.Equal(ServiceScopes.Keys.Order(StringComparer.Ordinal), services.Select(s => s.FullName).Order(StringComparer.Ordinal));
        var hashOfKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fixture.Keys.OtherApiKey)));
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            var service = method.Service.FullName;
            yield return () => RawCallAsync(invoker, method, null, StatusCode.Unauthenticated);
            yield return () => RawCallAsync(invoker, method, "key-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), StatusCode.Unauthenticated);
            yield return () => RawCallAsync(invoker, method, hashOfKey, StatusCode.Unauthenticated);
            var needs = service == "grid.v1.TriageService" && AdminTriageMethods.Contains(method.Name) ? "admin" : ServiceScopes[service];
            foreach (var scope in SecurityGridFixture.Scopes.Where(s => s != needs && !(needs == "read" && service == "grid.v1.TriageService" && s == "admin")))
            {
                yield return () => RawCallAsync(invoker, method, fixture.KeyOf($"{SecurityGridFixture.TenantA}-{scope}"), StatusCode.PermissionDenied);
            }
        }
    }

    /// <summary>Tenant B's ids named by tenant A's integrator holding every scope.</summary>
    private static IEnumerable<Func<Task<string?>>> CrossTenantAttempts(IntegratorClient a, IReadOnlyList<(string ConversationId, string CustomerId)> victims)
    {
        var h = a.Headers;
        foreach (var (id, customer) in victims)
        {
            yield return () => Expect(StatusCode.NotFound, "GetConversation", () => a.Read.GetConversationAsync(new GetConversationRequest { ConversationId = id }, h).ResponseAsync);
            yield return () => Expect(StatusCode.NotFound, "ListMessages", () => a.Read.ListMessagesAsync(new ListMessagesRequest { ConversationId = id }, h).ResponseAsync);
            yield return () => Expect(StatusCode.NotFound, "GetCustomerTimeline", () => a.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = customer }, h).ResponseAsync);
            yield return () => Expect(StatusCode.NotFound, "PostChannelEvent", () => a.Ingest.PostChannelEventAsync(
                new PostChannelEventRequest { Type = Protos.V1.ChannelEventType.Read, ExternalId = "x-" + id, OutboundId = id + ":2" }, h).ResponseAsync);
            yield return () => Expect(StatusCode.NotFound, "MergeConversations", () => a.Escalation.MergeConversationsAsync(
                new MergeConversationsRequest { ConversationId = id, OtherConversationId = victims[0].ConversationId == id ? victims[1].ConversationId : victims[0].ConversationId }, h).ResponseAsync);
            yield return () => Expect(StatusCode.NotFound, "SplitConversation", () => a.Escalation.SplitConversationAsync(new SplitConversationRequest { ConversationId = id, FromSeq = 1 }, h).ResponseAsync);
            yield return async () =>
            {
                var acked = await a.Outbound.AckAsync(new AckRequest { OutboundIds = { id + ":2", id + ":3" } }, h);
                return acked.Acknowledged == 0 ? null : $"Ack of another tenant's outbound ids acknowledged {acked.Acknowledged}";
            };
        }
    }

    /// <summary>Bad tokens at the hub's negotiation, too-low roles and tenant B's conversations over an agent's connection.</summary>
    private IEnumerable<Func<Task<string?>>> HubAttempts(AgentConnection agent, int httpPort, IReadOnlyList<(string ConversationId, string CustomerId)> victims)
    {
        var http = new HttpClient();
        var tokens = BadTokens().ToList();
        for (var round = 0; round < 40; round++)
        {
            var i = round; // each attempt keeps its own round: query string or header
            foreach (var (kind, token) in tokens)
            {
                yield return async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{httpPort}/hubs/agent/negotiate?negotiateVersion=1" + (i % 2 == 0 && token is not null ? "&access_token=" + Uri.EscapeDataString(token) : ""));
                    if (i % 2 == 1 && token is not null)
                    {
                        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    }

                    using var response = await http.SendAsync(request);
                    return response.StatusCode == HttpStatusCode.Unauthorized ? null : $"negotiate with a {kind} token: {response.StatusCode}";
                };
            }
        }

        foreach (var method in new[] { "ListQueues", "ListAgents" })
        {
            for (var i = 0; i < 100; i++)
            {
                yield return async () => (await HubCalls.AnswerAsync(agent.Hub, method, [])) is var answer && answer.StartsWith("forbidden:", StringComparison.Ordinal) ? null : $"{method} as an agent: {answer}";
            }
        }

        var methods = HubCalls.ConversationMethods;
        foreach (var (victim, i) in victims.Select((v, i) => (v.ConversationId, i)))
        {
            foreach (var method in methods.Skip(i % 4).Where((_, k) => k % 4 == 0))
            {
                yield return async () =>
                {
                    var answer = await HubCalls.AnswerAsync(agent.Hub, method.Name, HubCalls.Arguments(method, victim));
                    return answer.StartsWith("not_found:", StringComparison.Ordinal) || answer.StartsWith("forbidden: Only", StringComparison.Ordinal)
                        ? null
                        : $"{method.Name} on another tenant's conversation: {answer}";
                };
            }
        }
    }

    /// <summary>Agents' tokens the hub must refuse: none, forged, expired, another issuer or audience, unsigned, garbage.</summary>
    private IEnumerable<(string Kind, string? Token)> BadTokens()
    {
        var keys = fixture.Keys;
        yield return ("missing", null);
        yield return ("forged", keys.Token(SecurityGridFixture.TenantA, "eve", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        yield return ("expired", Token(expires: DateTime.UtcNow.AddMinutes(-5)));
        yield return ("another issuer", Token(issuer: "someone-else"));
        yield return ("another audience", Token(audience: "someone-else"));
        yield return ("unsigned", new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "grid",
            Audience = "grid-agents",
            Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "eve"), new Claim("tenant", SecurityGridFixture.TenantA), new Claim("role", "admin")]),
        }));
        yield return ("garbage", "not.a.token");
    }

    private string Token(string issuer = "grid", string audience = "grid-agents", DateTime? expires = null)
    {
        var end = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = end.AddHours(-1),
            NotBefore = end.AddHours(-1),
            Expires = end,
            Subject = new ClaimsIdentity([new Claim("sub", "eve"), new Claim("tenant", SecurityGridFixture.TenantA), new Claim("role", "admin")]),
            SigningCredentials = new SigningCredentials(Edge.Auth.AgentTokens.Key(fixture.Keys.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>One call of <paramref name="method"/> with an empty request (a valid default message) and the given key.</summary>
    private static async Task<string?> RawCallAsync(CallInvoker invoker, Google.Protobuf.Reflection.MethodDescriptor method, string? key, StatusCode expected)
    {
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var headers = key is null ? new Metadata() : new Metadata { { "x-api-key", key } };
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(30));
        var name = method.Service.FullName + "/" + method.Name;
        try
        {
            if (method.IsServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, bytes, bytes), null, options, []);
                await stream.ResponseStream.MoveNext();
            }
            else
            {
                await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, bytes, bytes), null, options, []);
            }

            return $"{name} with key {Describe(key)} succeeded";
        }
        catch (RpcException refused) when (refused.StatusCode == expected)
        {
            return null;
        }
        catch (RpcException refused)
        {
            return $"{name} with key {Describe(key)}: {refused.StatusCode} ({refused.Status.Detail}), expected {expected}";
        }
    }

    private static async Task<string?> Expect(StatusCode expected, string name, Func<Task> call)
    {
        try
        {
            await call();
            return $"{name} on another tenant's id succeeded";
        }
        catch (RpcException refused)
        {
            return refused.StatusCode == expected ? null : $"{name} on another tenant's id: {refused.StatusCode} ({refused.Status.Detail})";
        }
    }

    private static string Describe(string? key) => key is null ? "(none)" : key.StartsWith("key-sec-a-", StringComparison.Ordinal) ? key[4..key.LastIndexOf('-')] : "(unknown)";

    /// <summary>What the host logged of faults (for a failure's message).</summary>
    private static string Faults(string output)
    {
        var at = output.IndexOf("failed", StringComparison.Ordinal);
        return at < 0 ? "" : output[Math.Max(0, at - 300)..Math.Min(output.Length, at + 3000)];
    }

    private Task<SortedDictionary<string, string>> StoredAsync() => fixture.StoredAsync();

    /// <summary>
    /// The databases once the seeding's last writes (bot replies, outbox rows, the bot's misses flushed every
    /// <see cref="Grid.Bot.UnansweredQuestionsGrain.FlushEvery"/>) have landed: the same digests for longer than that flush period.
    /// </summary>
    private async Task<SortedDictionary<string, string>> SettledAsync()
    {
        var quiet = Grid.Bot.UnansweredQuestionsGrain.FlushEvery + TimeSpan.FromSeconds(2);
        var last = await StoredAsync();
        var since = DateTime.UtcNow;
        for (var i = 0; i < 60 && DateTime.UtcNow - since < quiet; i++)
        {
            await Task.Delay(500);
            var next = await StoredAsync();
            if (!next.SequenceEqual(last))
            {
                last = next;
                since = DateTime.UtcNow;
            }
        }

        return last;
    }

    /// <summary>The tables whose digest differs, before → after (for a failure's message).</summary>
    private static string Changed(SortedDictionary<string, string> before, SortedDictionary<string, string> after) =>
        string.Join('\n', before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k) ?? "(none)"} -> {after.GetValueOrDefault(k) ?? "(none)"}"));
}
