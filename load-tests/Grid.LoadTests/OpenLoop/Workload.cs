using System.Globalization;
using Grid.Protos.V1;

namespace Grid.LoadTests.OpenLoop;

using Channel = Grid.Protos.V1.Channel;

/// <summary>A customer as the driver plays them: the channel they write on and their address there.</summary>
public sealed record Customer(Channel Channel, string Sender);

/// <summary>
/// What integrators post in the open loop: a mix of channels (SMS 35%, WhatsApp 25%, web chat 20%, email 12%,
/// Messenger 8%) and of new customers (a sender Grid has never seen: identity, customer and conversation created) and
/// returning ones (a sender from the pool: the customers created first, then every new one acknowledged). A returning
/// customer is, with probability <see cref="AgentShare"/>, one whose conversation an agent holds (a follow-up to the
/// agent: the message is pushed to the agent's socket), otherwise any customer of the pool. Texts: a question the demo
/// knowledge base answers, a message it does not, or (rarely) a request for a person.
/// </summary>
public sealed class Workload(string run, double newShare)
{
    private static readonly (Channel Channel, int Weight)[] Mix =
        [(Channel.Sms, 35), (Channel.Whatsapp, 25), (Channel.Webchat, 20), (Channel.Email, 12), (Channel.Messenger, 8)];

    private static readonly string[] Questions =
    [
        "Quels sont vos horaires d'ouverture ?", "What are your opening hours?", "Êtes-vous ouverts le samedi ?",
        "Comment payer ma facture ?", "How can I pay my bill?", "Je voudrais un remboursement", "Can I get a refund?",
    ];

    private static readonly string[] Chatter =
    [
        "Bonjour, j'ai une question sur mon dossier 48213", "Merci pour votre retour", "ok je regarde et je reviens vers vous",
        "The parcel still has not arrived", "Thanks, that helps", "Je n'ai pas reçu le colis commandé mardi",
    ];

    private static readonly string[] PersonRequests = ["je veux parler à un conseiller", "can I talk to a real person please"];

    // Shared by every workload of the process, so that no two customers of one driver run share an address.
    private static readonly int PhonePrefix = Random.Shared.Next(10, 100);
    private static long created;

    private readonly List<Customer> pool = [];

    /// <summary>The share of returning customers' messages that go to conversations an agent holds (when there are some).</summary>
    public double AgentShare { get; init; } = 0.3;

    /// <summary>The share of messages that ask for a person.</summary>
    public double PersonShare { get; init; } = 0.02;

    /// <summary>Senders whose conversation an agent holds now (from <see cref="AgentPool"/>), or null.</summary>
    public Func<Customer?>? HeldCustomer { get; init; }

    public int PoolSize
    {
        get
        {
            lock (pool)
            {
                return pool.Count;
            }
        }
    }

    /// <summary>A customer Grid has never seen, on a channel drawn from the mix.</summary>
    public Customer NewCustomer()
    {
        var n = Interlocked.Increment(ref created);
        var roll = Random.Shared.Next(100);
        var channel = Mix[^1].Channel;
        foreach (var (c, weight) in Mix)
        {
            if (roll < weight)
            {
                channel = c;
                break;
            }

            roll -= weight;
        }

        var id = $"{run}{n}";
        return channel switch
        {
            Channel.Email => new Customer(channel, $"c{id}@load.example"),
            Channel.Webchat => new Customer(channel, $"visitor-{id}"),
            Channel.Messenger => new Customer(channel, $"psid-{id}"),
            _ => new Customer(channel, "+336" + PhonePrefix.ToString(CultureInfo.InvariantCulture) + (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Adds a customer whose first message was acknowledged to the returning pool.</summary>
    public void Remember(Customer customer)
    {
        lock (pool)
        {
            pool.Add(customer);
        }
    }

    /// <summary>
    /// The next post: its customer (new or returning), whether it is new, and the request; <paramref name="share"/> overrides
    /// the share of new customers.
    /// </summary>
    public (Customer Customer, bool IsNew, PostInboundRequest Request) Next(string externalId, double? share = null)
    {
        Customer? customer = null;
        var isNew = Random.Shared.NextDouble() < (share ?? newShare);
        if (!isNew && Random.Shared.NextDouble() < AgentShare)
        {
            customer = HeldCustomer?.Invoke();
        }

        if (customer is null && !isNew)
        {
            lock (pool)
            {
                customer = pool.Count == 0 ? null : pool[Random.Shared.Next(pool.Count)];
            }
        }

        isNew |= customer is null;
        customer ??= NewCustomer();
        return (customer, isNew, Request(customer, externalId, Text()));
    }

    public static PostInboundRequest Request(Customer customer, string externalId, string text) => new()
    {
        Channel = customer.Channel,
        Sender = customer.Sender,
        ExternalId = externalId,
        Text = text,
    };

    /// <summary>A question the demo knowledge base answers (the bot replies; no escalation).</summary>
    public static string Question() => Questions[Random.Shared.Next(Questions.Length)];

    private string Text()
    {
        var roll = Random.Shared.NextDouble();
        return roll < PersonShare ? PersonRequests[Random.Shared.Next(PersonRequests.Length)]
            : roll < 0.5 ? Questions[Random.Shared.Next(Questions.Length)]
            : Chatter[Random.Shared.Next(Chatter.Length)];
    }
}
