using System.Text.RegularExpressions;
using Grid.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Grid.Proactive;

/// <summary>
/// Makes and checks actionable pushes' links (docs/architecture.md, "Actionable pushes"): a token signed with
/// Grid:Links:SigningKey (<see cref="ActionLinkToken"/>) on Grid:Links:PublicBaseUrl. <see cref="RenderPush"/> is the one
/// function that puts a link into a push's text, at push time (so the expiry counts from the push): whoever writes pushes
/// (the fan-out, scheduled pushes) calls it. The key never leaves this class and nothing here logs.
/// </summary>
public sealed partial class ActionLinks
{
    /// <summary>The variable a template places the link with; without it the link is appended on a line of its own.</summary>
    public const string Variable = "link";

    private readonly byte[]? key;
    private readonly TimeProvider clock;

    public ActionLinks(IOptions<GridRuntimeOptions> options, IConfiguration configuration, TimeProvider clock)
    {
        var links = options.Value.Links;
        this.clock = clock;
        key = string.IsNullOrEmpty(links.SigningKey) ? null : Convert.FromBase64String(links.SigningKey);
        DefaultLifetime = links.DefaultLifetime;
        var baseUrl = links.PublicBaseUrl;
        if (string.IsNullOrEmpty(baseUrl) && options.Value.Mode == GridMode.Embedded)
        {
            baseUrl = $"http://127.0.0.1:{configuration.GetValue<int?>("Grid:Http:Port") ?? 5080}";
        }

        BaseUrl = string.IsNullOrEmpty(baseUrl) ? null : baseUrl.TrimEnd('/');
    }

    public string? BaseUrl { get; }

    public TimeSpan DefaultLifetime { get; }

    /// <summary>Why links cannot be made here (a setting to configure), or null when they can.</summary>
    public string? Unavailable =>
        key is null ? "Grid:Links:SigningKey is not configured (base64, at least 32 bytes, the same on every silo)"
        : BaseUrl is null ? "Grid:Links:PublicBaseUrl is not configured (the address customers reach the edge's pages at)"
        : null;

    [GeneratedRegex(@"\{link\}")]
    private static partial Regex LinkVariable();

    /// <summary>
    /// The push's text for one customer: the rendered template with <c>{link}</c> replaced by their link (or the link
    /// appended when the template does not place it), and the link's expiry; the text as is for a message without action.
    /// </summary>
    public (string Text, DateTimeOffset? ExpiresAt) RenderPush(string tenant, string customerId, string incidentId, IncidentMessage message, string language, string text)
    {
        if (message.Action is not { } action || key is null || BaseUrl is null)
        {
            return (text, null);
        }

        var expires = clock.GetUtcNow() + (action.LinkLifetime ?? DefaultLifetime);
        var url = BaseUrl + ActionLinkToken.PathPrefix + ActionLinkToken.Create(key, new ActionLinkClaims(tenant, customerId, incidentId, message.No, language, expires));
        var placed = LinkVariable().Replace(text, _ => url);
        return (placed == text ? text + "\n" + url : placed, expires);
    }

    /// <summary>The claims of a token signed here, or null (forged, altered, other key, or no key configured).</summary>
    public ActionLinkClaims? Verify(string token) => key is null ? null : ActionLinkToken.Verify(key, token);

    /// <summary>The text without its link variable (for the page, which is the link).</summary>
    public static string WithoutLink(string text) => LinkVariable().Replace(text, "").Trim();
}
