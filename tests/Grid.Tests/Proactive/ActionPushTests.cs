using System.Net;
using System.Text.RegularExpressions;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// Actionable pushes end to end on the embedded host, through a real gRPC client, outbound stream and HTTP client: the
/// customer's push carries a link of their own, its page shows the choices in their language, a choice is recorded once
/// (the conversation's entry, the thanks on the customer's channel, the result on the integrator's stream), and a second
/// use, a tampered link, an expired one and a choice not offered are refused with a page and change nothing.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed partial class ActionPushTests(EmbeddedGridFixture fixture) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private EmbeddedGrid Grid => fixture.Grid;

    [GeneratedRegex(@"https?://\S+/a/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleSheet();

    public void Dispose() => http.Dispose();

    private static PushAction PickupPoints() => new()
    {
        Kind = "choose-option",
        Options =
        {
            new ActionOption { Id = "relay-12", Labels = { ["fr"] = "Relais rue de Rivoli", ["en"] = "Rivoli Street pickup point" } },
            new ActionOption { Id = "locker-3", Labels = { ["fr"] = "Consigne de la gare", ["en"] = "Station locker" } },
        },
        Prompts = { ["fr"] = "Où voulez-vous retirer votre colis ?" },
    };

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string link)
    {
        var response = await http.GetAsync(link);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string link, string choice)
    {
        using var response = await http.PostAsync(link, new FormUrlEncodedContent([new("choice", choice)]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_actionable_push_is_answered_once_through_its_link_and_refused_the_second_time()
    {
        await using var client = Grid.IntegratorOf("pro-action");
        var integrator = "pro-action-all";
        await ImportAsync(client, [
            Customer("AC-1", ["wave=7"], ["sms"], null, "+33698766001", "fr"),
            Customer("AC-2", ["wave=7"], ["email"], "ac2@parcel.example", null, "en"),
        ]);
        await using var stream = client.OpenOutbound();
        var request = Incident("pro-action", "delivery-wave-7", "wave=7", (Channel.Sms, integrator), (Channel.Email, integrator));
        request.Templates["fr"] = "Votre colis est retardé. Choisissez un autre point de retrait : {link}";
        request.Templates["en"] = "Your parcel is delayed. Choose another pickup point.";
        request.Action = PickupPoints();
        var opened = await client.Proactive.OpenIncidentAsync(request, client.Headers);
        await DoneAsync(client, opened.IncidentId, 1);
        var pushes = (await CollectAsync(client, stream, 2, m => m.Author == "incident:" + opened.IncidentId)).Values.ToDictionary(m => m.CustomerId);

        // Each customer's link is their own, on the host's address; French places it, English gets it appended.
        var sms = pushes["AC-1"];
        var smsConversation = (await LinkedEntryAsync(client, "AC-1", sms.OutboundId)).ConversationId; // the push, linked into its conversation
        var link = Link().Match(sms.Text).Value;
        Assert.StartsWith($"http://127.0.0.1:{Grid.HttpPort}/a/", link, StringComparison.Ordinal);
        Assert.Equal("Votre colis est retardé. Choisissez un autre point de retrait : " + link, sms.Text);
        var englishLink = Link().Match(pushes["AC-2"].Text).Value;
        Assert.Equal("Your parcel is delayed. Choose another pickup point.\n" + englishLink, pushes["AC-2"].Text);
        Assert.NotEqual(link, englishLink);

        var (status, page, response) = await GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        // The page's only stylesheet is the one its policy allows by hash (a browser would refuse any other).
        var style = StyleSheet().Match(page).Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.StartsWith($"default-src 'none'; style-src 'sha256-{hash}';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("Votre colis est retardé. Choisissez un autre point de retrait :</p>", page, StringComparison.Ordinal);
        Assert.Contains("<legend>Où voulez-vous retirer votre colis ?</legend>", page, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" name=\"choice\" value=\"relay-12\">Relais rue de Rivoli</button>", page, StringComparison.Ordinal);
        var english = (await GetAsync(englishLink)).Body;
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains(">Station locker</button>", english, StringComparison.Ordinal);

        var answered = await PostAsync(link, "locker-3");
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Contains("Nous avons bien noté votre choix : Consigne de la gare.", answered.Body, StringComparison.Ordinal);

        // The integrator's stream gets the result and the thanks to send by SMS, both of the customer's conversation.
        var after = await CollectAsync(client, stream, 2, m => m.ConversationId == smsConversation);
        var result = after.Values.Single(m => m.ActionResult is not null);
        Assert.Equal((opened.IncidentId, 1, opened.IncidentId + "/1", "choose-option", "locker-3", "Consigne de la gare", "fr"),
            (result.ActionResult.IncidentId, result.ActionResult.MessageNo, result.ActionResult.ActionId, result.ActionResult.Kind, result.ActionResult.ChoiceId,
                result.ActionResult.ChoiceLabel, result.ActionResult.Language));
        Assert.Equal(("AC-1", Channel.Unspecified, "", EntryKind.Event), (result.CustomerId, result.Channel, result.To, result.Kind));
        var thanks = after.Values.Single(m => m.ActionResult is null);
        Assert.Equal((Channel.Sms, "+33698766001", "Merci, nous avons bien noté votre choix : Consigne de la gare."), (thanks.Channel, thanks.To, thanks.Text));

        // The agent who opens the conversation sees the answer.
        var entries = await client.ListAllAsync(smsConversation);
        var entry = Assert.Single(entries, e => e.EventType == "action-answered");
        Assert.Equal(("locker-3", opened.IncidentId, "Consigne de la gare"), (entry.Metadata["choice"], entry.Metadata["incident"], entry.Text));

        // Used again, tampered with, or with a choice not offered: refused with a page, and nothing changes.
        var rows = await Grid.CountRowsAsync("pro-action");
        var usedAgain = await GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, usedAgain.Status);
        Assert.Contains("Ce lien a déjà été utilisé", usedAgain.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(link, "relay-12")).Status);
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');
        var forged = await PostAsync(tampered, "relay-12");
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Lien invalide / Invalid link", forged.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync($"http://127.0.0.1:{Grid.HttpPort}/a/not-a-token")).Status);
        var notOffered = await PostAsync(englishLink, "relay-99");
        Assert.Equal(HttpStatusCode.BadRequest, notOffered.Status);
        Assert.Contains("This choice is not offered", notOffered.Body, StringComparison.Ordinal);
        Assert.Equal(rows, await Grid.CountRowsAsync("pro-action"));
        Assert.Equal(entries.Count, (await client.ListAllAsync(smsConversation)).Count);

        // The other customer's link still works once.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(englishLink, "relay-12")).Status);
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        Assert.Contains("grid_action_links_answered_total{kind=\"choose-option\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("grid_action_links_refused_total{reason=\"used\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("grid_action_links_refused_total{reason=\"forged\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_of_an_update_is_refused_and_changes_nothing()
    {
        await using var client = Grid.IntegratorOf("pro-action-expiry");
        await ImportAsync(client, [Customer("AX-1", ["lift=c"], ["sms"], null, "+33698766101", "en")]);
        await using var stream = client.OpenOutbound();
        var opened = await client.Proactive.OpenIncidentAsync(Incident("pro-action-expiry", "lift-c", "lift=c"), client.Headers);
        await DoneAsync(client, opened.IncidentId, 1);
        var update = new PostIncidentUpdateRequest
        {
            IncidentId = opened.IncidentId, UpdateId = "repaired",
            Templates = { ["fr"] = "Réparé. Est-ce que ça marche ? {link}", ["en"] = "Repaired. Does it work? {link}" },
            Action = new PushAction { Kind = "confirm", LinkLifetimeSeconds = 1 },
        };
        await client.Proactive.PostIncidentUpdateAsync(update, client.Headers);
        await DoneAsync(client, opened.IncidentId, 2);
        var push = (await CollectAsync(client, stream, 2, m => m.Author == "incident:" + opened.IncidentId)).Values.Single(m => m.Text.StartsWith("Repaired", StringComparison.Ordinal));
        var link = Link().Match(push.Text).Value;
        var conversation = (await LinkedEntryAsync(client, "AX-1", push.OutboundId)).ConversationId;

        await Task.Delay(TimeSpan.FromSeconds(2.1)); // past the link's one second
        var rows = await Grid.CountRowsAsync("pro-action-expiry");
        var expired = await GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.Status);
        Assert.Contains("This link has expired", expired.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(link, "works-again")).Status);
        Assert.Equal(rows, await Grid.CountRowsAsync("pro-action-expiry"));
        Assert.DoesNotContain(await client.ListAllAsync(conversation), e => e.EventType == "action-answered");
    }

    [Fact]
    public async Task Bad_actions_are_refused_with_what_to_fix()
    {
        await using var client = Grid.IntegratorOf("pro-action");
        async Task<RpcException> Refused(Action<OpenIncidentRequest> change)
        {
            var request = Incident("pro-action", "bad-action-" + Guid.NewGuid().ToString("N"), "wave=7");
            request.Action = PickupPoints();
            change(request);
            return await Assert.ThrowsAsync<RpcException>(() => client.Proactive.OpenIncidentAsync(request, client.Headers).ResponseAsync);
        }

        var none = await Refused(r => r.Action.Options.Clear());
        Assert.Equal(StatusCode.InvalidArgument, none.StatusCode);
        Assert.Contains("action.options: a choose-option action needs 1 to 10 options", none.Status.Detail, StringComparison.Ordinal);
        var many = await Refused(r => r.Action.Options.AddRange(Enumerable.Range(1, 9).Select(i => new ActionOption { Id = "o" + i, Labels = { ["fr"] = "x", ["en"] = "x" } })));
        Assert.Contains("action.options: 11 options; at most 10", many.Status.Detail, StringComparison.Ordinal);
        var oversize = await Refused(r => r.Action.Options[1].Labels["en"] = new string('x', 121));
        Assert.Contains("action.options[1].labels[en]: 121 characters; give 1 to 120", oversize.Status.Detail, StringComparison.Ordinal);
        var withoutAction = await Refused(r =>
        {
            r.Action = null;
            r.Templates["en"] = "Choose: {link}";
        });
        Assert.Contains("templates[en]: uses {link} but the message has no action", withoutAction.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, withoutAction.StatusCode);
    }
}
