using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grid.Edge.Auth;

namespace Grid.Edge.Grpc;

/// <summary>
/// Which gRPC calls go to the tenant's audit log from <see cref="GridServerInterceptor"/> (docs/architecture.md, "GDPR
/// and audit"), and what of them: the admin calls that change something (admin scope, not a Get/List/Export/Identify/
/// Evaluate/Classify read) and dead-letter retries and discards; targets are the request's id fields (<c>*_id</c>,
/// <c>*_ids</c>), details the response's numbers and flags and its id fields. Never a free text field: those may hold
/// personal data. GdprService's calls are recorded by the privacy grain itself, with their counts.
/// </summary>
public static class AdminAudit
{
    private const int MaxTargets = 50;
    private const int MaxValue = 128;

    private static readonly string[] Reads = ["Get", "List", "Export", "Identify", "Evaluate", "Classify"];

    private static readonly HashSet<string> OutboundChanges = new(StringComparer.Ordinal)
    {
        $"{Protos.V1.OutboundService.Descriptor.FullName}/RetryDeadLetters",
        $"{Protos.V1.OutboundService.Descriptor.FullName}/DiscardDeadLetters",
    };

    /// <summary>Whether a successful call of <paramref name="method"/> ("/grid.v1.KnowledgeService/CreateEntry") needing <paramref name="scope"/> is audited.</summary>
    public static bool IsAudited(string method, string? scope)
    {
        var path = method.TrimStart('/');
        if (OutboundChanges.Contains(path))
        {
            return true;
        }

        var name = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return scope == ApiScopes.Admin && !Reads.Any(r => name.StartsWith(r, StringComparison.Ordinal));
    }

    /// <summary>The action's name: the method's full name without its leading slash.</summary>
    public static string Action(string method) => method.TrimStart('/');

    /// <summary>The ids a request names (its top-level <c>id</c>, <c>*_id</c> and <c>*_ids</c> string fields).</summary>
    public static IReadOnlyList<string> Targets(object request)
    {
        var targets = new List<string>();
        if (request is not IMessage message)
        {
            return targets;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.String || !IsIdField(field.Name))
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            var values = field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<string>() : [(string)value];
            targets.AddRange(values.Where(v => v.Length > 0).Select(Clip));
        }

        return [.. targets.Distinct(StringComparer.Ordinal).Take(MaxTargets)];
    }

    /// <summary>A response's top-level numbers, flags and id fields, by field name.</summary>
    public static Dictionary<string, string> Details(object response)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (response is not IMessage message)
        {
            return details;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsRepeated || field.IsMap)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            switch (field.FieldType)
            {
                case FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64 or FieldType.SInt32 or FieldType.SInt64 or FieldType.Bool:
                    details[field.Name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    break;
                case FieldType.String when IsIdField(field.Name) && value is string { Length: > 0 } id:
                    details[field.Name] = Clip(id);
                    break;
            }
        }

        return details;
    }

    private static bool IsIdField(string name) => name == "id" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_ids", StringComparison.Ordinal);

    private static string Clip(string value) => value.Length <= MaxValue ? value : value[..MaxValue];
}
