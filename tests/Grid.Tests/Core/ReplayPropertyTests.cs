using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Storage;
using Grid.Storage.InMemory;

namespace Grid.Tests.Core;

/// <summary>
/// Random sequences of everything that happens to a conversation: the state rebuilt from the journal alone (and from
/// any snapshot along the way) equals the live state, every field; sequence numbers have no gap; the live-conversation
/// index agrees with the state after every operation.
/// </summary>
public sealed class ReplayPropertyTests
{
    private static readonly string[] Agents = ["ann", "ben", "cat"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task The_state_rebuilt_from_the_journal_equals_the_live_state(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 50; run++)
        {
            var model = new ConversationModel("cnv_" + seed + "_" + run);
            var snapshots = new List<ConversationState>();
            var refusals = 0;
            for (var step = 0; step < 60 && model.State.Status != ConversationStatus.Closed; step++)
            {
                model.Now = model.Now.AddSeconds(random.Next(1, 600));
                try
                {
                    await RandomOperationAsync(model, random, step);
                }
                catch (ConversationRuleException)
                {
                    refusals++; // out of turn: refused before anything is stored
                }

                await AssertIndexedAsStateSaysAsync(model);

                if (random.Next(8) == 0)
                {
                    snapshots.Add(ConversationModel.Clone(model.State));
                }
            }

            var live = ConversationModel.Dump(model.State);
            Assert.Equal(live, ConversationModel.Dump(await model.ReplayAsync()));
            foreach (var snapshot in snapshots)
            {
                Assert.Equal(live, ConversationModel.Dump(await model.ReplayAsync(snapshot)));
            }

            var seqs = (await model.Journal.ReadAsync(ConversationModel.Tenant, model.ConversationId, 0, 10_000)).Events.Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
            Assert.Equal(model.State.AppliedSeq, seqs.Count);

        }
    }

    /// <summary>The live-conversation index, written unit by unit, says what the state says (closed: no row).</summary>
    private static async Task AssertIndexedAsStateSaysAsync(ConversationModel model)
    {
        var page = await new InMemoryConversationIndexStore(model.Tables).ListLiveAsync(ConversationModel.Tenant, new LiveConversationQuery(null, null, null, null, 10));
        var indexed = page.Conversations.SingleOrDefault(c => c.ConversationId == model.ConversationId);
        var expected = ConversationIndex.RowOf(model.State, model.ConversationId) is { Status: not ConversationStatus.Closed } row ? row : null;
        Assert.Equal(expected, indexed is null ? null : indexed with { UpdatedAt = default }); // the model's times are whole seconds
    }

    private static async Task RandomOperationAsync(ConversationModel model, Random random, int step)
    {
        var s = model.State;
        var agent = new Actor(Agents[random.Next(Agents.Length)]);
        var offered = s.OfferedAgent is { } o ? new Actor(o) : agent;
        var assigned = s.AssignedAgent is { } a ? new Actor(a) : agent;
        switch (random.Next(13))
        {
            case 11:
                // An agent merged another conversation into this one (the record on the target's side).
                await model.CommitAsync(ConversationDecider.MergedFrom(s, model.ConversationId, "cnv_other" + random.Next(3), agent, model.Now));
                break;
            case 12:
                // An agent split customer messages out (the record on the source's side).
                var moved = s.Recent.Where(e => e.Kind == EntryKind.CustomerMessage).Select(e => e.Seq).Take(random.Next(1, 3)).ToArray();
                await model.CommitAsync(ConversationDecider.SplitOut(s, model.ConversationId, "cnv_split" + step, moved, agent, model.Now));
                break;
            case 0 or 1:
                var channel = random.Next(3) switch { 0 => Channel.Sms, 1 => Channel.WhatsApp, _ => Channel.Email };
                var email = channel == Channel.Email ? new EmailHeaders("Facture " + step, $"<m{step}@example.fr>", null, []) : null;
                var text = random.Next(2) == 0 ? "bonjour ma facture est toujours fausse" : "hello my order has still not arrived";
                // Emails from two addresses of one customer (colleagues): the second one's first email journals it joining.
                var sender = channel != Channel.Email ? "+33600000001" : random.Next(2) == 0 ? "claire@acme.example" : "marc@acme.example";
                await model.InboundAsync(model.Message("m" + step, text, channel, email, sender));
                if (random.Next(6) == 0)
                {
                    // An integrator retry: the journal answers with the original, nothing is applied.
                    Assert.Equal(UnitStatus.DuplicateKey, (await model.InboundAsync(model.Message("m" + step, text, channel, email, sender))).Status);
                }

                break;
            case 2:
                await model.CommitAsync(ConversationDecider.Offer(s, agent.AgentId, "o" + step, model.Now.AddSeconds(30), model.Now));
                break;
            case 3:
                await model.CommitAsync(ConversationDecider.Decline(s, offered, model.ConversationId, model.Now));
                break;
            case 4:
                await model.CommitAsync(ConversationDecider.OfferExpired(s, offered.AgentId, s.OfferId ?? "none", model.Now));
                break;
            case 5:
                await model.CommitAsync(ConversationDecider.Accept(s, offered, model.ConversationId, model.Now));
                break;
            case 6 or 7:
                await model.CommitAsync([ConversationDecider.Reply(s, assigned, model.ConversationId, "c" + step, "reply " + step, model.Now)]);
                break;
            case 8:
                await model.CommitAsync(ConversationDecider.Resolve(s, assigned, model.ConversationId, random.Next(2) == 0 ? null : "fixed", model.Now));
                break;
            case 9:
                var type = random.Next(2) == 0 ? ChannelEventType.Delivered : ChannelEventType.CallMissed;
                await model.CommitAsync([ConversationDecider.ChannelEvent(s, new ChannelEvent(ConversationModel.Tenant, "gw", type, "e" + step,
                    type == ChannelEventType.Delivered ? OutboundIds.Format(model.ConversationId, Math.Max(1, s.AppliedSeq)) : null,
                    random.Next(2) == 0 ? Channel.Unspecified : Channel.Voice, model.Now, "detail", null))]);
                break;
            default:
                if (ConversationDecider.ShouldClose(s, TimeSpan.FromHours(1), model.Now.AddHours(2)))
                {
                    await model.CommitAsync(ConversationDecider.Close(s, "reopen-window-elapsed", model.Now));
                }
                else
                {
                    await model.CommitAsync(new StepStateChanged("bot", new Dictionary<string, string> { ["noMatches"] = step.ToString() }) { At = model.Now, Channel = s.CurrentChannel });
                }

                break;
        }
    }
}
