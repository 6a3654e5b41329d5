using System.Net;

namespace Grid.Edge.WebChat;

/// <summary>A visitor's connection as <see cref="WidgetGate"/> admitted it: the widget, the visitor id, the client's address.</summary>
public sealed record VisitorSession(Widget Widget, string VisitorId, IPAddress? RemoteIp)
{
    /// <summary>The key of the HTTP request's and the hub connection's items that holds the session.</summary>
    public const string ItemKey = "grid.webchat.session";

    public string Tenant => Widget.Tenant;

    /// <summary>The SignalR group of the visitor's connections on this edge.</summary>
    public string Group => ChatHub.Group(Tenant, VisitorId);
}
