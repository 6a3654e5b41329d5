using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Privacy;

using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;

/// <summary>
/// Distinctive personal data planted through the real paths (directory import, email thread, agent reply and note over
/// SignalR, a queued SMS conversation, an answer to an actionable push), and a second customer whose data must survive an
/// erasure of the first.
/// </summary>
public sealed class PersonalData
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string tag = Convert.ToHexString(Guid.NewGuid().ToByteArray()[..5]);

    public string CustomerId => "G-" + tag;

    public string Name => "Zephyrine Quillfeather" + tag;

    public string Email => "zephyrine." + tag.ToLowerInvariant() + "@quill-mail.example";

    public string Phone { get; } = EndToEnd.MessagePathTests.UniquePhone();

    public string Invoice => "INV-77" + tag;

    public string MessageText => "parapluie-violet-" + tag;

    public string ReplyText => "reponse-agent-" + tag;

    public string NoteText => "carnet-interne-" + tag;

    /// <summary>An appointment in a scheduled push's variables (grid_scheduled_push).</summary>
    public string AppointmentText => "rendez-vous-chaudiere-" + tag;

    public string ControlPhone { get; } = EndToEnd.MessagePathTests.UniquePhone();

    public string ControlText => "temoin-intact-" + tag;

    /// <summary>Every planted string (the invoice also as the directory's lookup key writes it).</summary>
    public IReadOnlyList<string> Planted => [Name, Email, Phone, Invoice, Invoice.Replace("-", ""), MessageText, ReplyText, NoteText, AppointmentText];

    /// <summary>
    /// What the scans look for: the planted strings, and each as JSON escapes it where that differs (System.Text.Json
    /// writes "+" as "\u002B": a phone number in a journal body does not read as typed).
    /// </summary>
    public IReadOnlyList<string> Needles =>
        [.. Planted.Concat(Planted.Select(p => System.Text.Json.JsonEncodedText.Encode(p).ToString())).Distinct(StringComparer.Ordinal)];

    public List<string> ConversationIds { get; } = [];

    public string ControlCustomerId { get; private set; } = "";

    /// <summary>Plants everything through an integrator of every scope and an agent of the same tenant on <paramref name="httpPort"/>.</summary>
    public async Task PlantAsync(IntegratorClient integrator, int httpPort, TestKeys keys, string tenant)
    {
        var document = $$"""
            {"customers": [{"id": "{{CustomerId}}", "name": "{{Name}}", "tier": "gold", "tags": ["gdpr-wave={{tag}}"], "consent": ["sms"],
              "contacts": [{"name": "{{Name}}", "email": "{{Email}}", "phone": "{{Phone}}"}],
              "invoices": [{"number": "{{Invoice}}", "amount": 12.5, "currency": "EUR", "date": "2026-10-01"}]}]}
            """;
        await integrator.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = document }, integrator.Headers);

        // An email asking for a person: queued until an agent is available.
        var first = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email,
            Sender = Email,
            ExternalId = "gdpr-m1-" + tag,
            Text = $"Bonjour, ici {Name}, facture {Invoice}. {MessageText}. Je veux parler à un conseiller.",
            Email = new EmailHeaders { Subject = "Facture " + Invoice, MessageId = $"<m1-{tag}@quill-mail.example>" },
        });
        Assert.Equal(CustomerId, first.CustomerId);
        ConversationIds.Add(first.ConversationId);

        await using var agent = await AgentConnection.ConnectAsync(httpPort, keys.Token(tenant, "ann-" + tag.ToLowerInvariant()));
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(first.ConversationId, offer.Conversation.ConversationId);
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", first.ConversationId);
        await agent.Hub.InvokeAsync<ReplyDto>("Reply", first.ConversationId, "r1", $"Bonjour {Name}, {ReplyText}");
        await agent.Hub.InvokeAsync<long>("AddNote", first.ConversationId, "n1", $"{NoteText}, rappeler au {Phone}");

        // The customer answers in the email thread.
        var threaded = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email,
            Sender = Email,
            ExternalId = "gdpr-m2-" + tag,
            Text = $"Merci, {MessageText} encore.",
            Email = new EmailHeaders { Subject = "Re: Facture " + Invoice, MessageId = $"<m2-{tag}@quill-mail.example>", InReplyTo = $"<m1-{tag}@quill-mail.example>" },
        });
        Assert.Equal(first.ConversationId, threaded.ConversationId);
        await agent.Hub.InvokeAsync("Resolve", first.ConversationId, "done");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Away");

        // After the reopen window, an SMS opens a second conversation, which waits in the queue (nobody available).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var sms = await integrator.PostSmsAsync(Phone, "gdpr-s1-" + tag, $"{Name} de nouveau, {MessageText}, je veux parler à un conseiller");
        Assert.Equal(CustomerId, sms.CustomerId);
        Assert.NotEqual(first.ConversationId, sms.ConversationId);
        ConversationIds.Add(sms.ConversationId);
        await WaitForStatusAsync(integrator, sms.ConversationId, ConversationStatus.Queued);

        // An appointment reminder scheduled for tomorrow: its variables are the customer's.
        await integrator.Proactive.SchedulePushAsync(new SchedulePushRequest
        {
            CustomerId = CustomerId, Kind = ScheduledPushKind.AppointmentReminder, IdempotencyKey = "gdpr-appointment-" + tag,
            DueAtUnixMs = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(), Templates = { ["fr"] = "Rappel : {appointment}" },
            Variables = { ["appointment"] = AppointmentText }, Channels = { new ChannelRoute { Channel = Channel.Sms, Integrator = tenant + "-all" } },
        }, integrator.Headers);
        await AnswerActionAsync(integrator, httpPort, sms.ConversationId);

        var control = await integrator.PostSmsAsync(ControlPhone, "gdpr-c1-" + tag, "Bonjour, " + ControlText);
        ControlCustomerId = control.CustomerId;
    }

    /// <summary>The option the customer chooses through an actionable push's link (found in the journal and outbox rows of their answer).</summary>
    public string ActionChoice => "relais-" + tag;

    /// <summary>An incident pushes a link into the queued SMS conversation; the customer answers it on the edge's page.</summary>
    private async Task AnswerActionAsync(IntegratorClient integrator, int httpPort, string conversationId)
    {
        var incident = new OpenIncidentRequest
        {
            DedupeKey = "gdpr-parcels-" + tag, Title = "Parcel wave", Audience = "gdpr-wave=" + tag, FallbackLanguage = "fr",
            Templates = { ["fr"] = "Colis retardé, choisissez un point de retrait : {link}" },
            Channels = { new ChannelRoute { Channel = Channel.Sms, Integrator = "gdpr-all" } },
            Action = new PushAction { Kind = "choose-option", Options = { new ActionOption { Id = ActionChoice, Labels = { ["fr"] = "Relais" } } } },
        };
        await integrator.Proactive.OpenIncidentAsync(incident, integrator.Headers);
        var deadline = DateTime.UtcNow + Wait;
        Entry? push;
        while ((push = (await integrator.ListAllAsync(conversationId)).FirstOrDefault(e => e.Metadata.ContainsKey("incident") && e.Text.Contains("/a/", StringComparison.Ordinal))) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the incident's push did not reach the conversation");
            await Task.Delay(200);
        }

        // The link's address is the silos' Grid:Links:PublicBaseUrl; the page is served by the edge of this test.
        var token = push.Text[(push.Text.IndexOf("/a/", StringComparison.Ordinal) + 3)..];
        using var http = new HttpClient();
        using var answered = await http.PostAsync($"http://127.0.0.1:{httpPort}/a/{token}", new FormUrlEncodedContent([new("choice", ActionChoice)]));
        Assert.Equal(System.Net.HttpStatusCode.OK, answered.StatusCode);
    }

    public static async Task WaitForStatusAsync(IntegratorClient integrator, string conversationId, ConversationStatus status)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var conversation = await integrator.GetConversationAsync(conversationId);
            if (conversation.Status == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"conversation {conversationId} is {conversation.Status}, not {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>The planted strings found in <paramref name="text"/>, ignoring case.</summary>
    public IReadOnlyList<string> FoundIn(string text) => [.. Needles.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))];
}
