using System.Security.Cryptography;
using System.Text;
using Grid.Edge.Auth;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// Checks a PostInbound request against Grid's rules and the configured limits, without side effects: channel,
/// sender (normalised per address kind), external id, text, attachments (absolute uris of the accepted schemes),
/// metadata, email headers, and in every string no control characters and no lone surrogates.
/// </summary>
public sealed partial class PostInboundValidator(LimitOptions limits)
{
    public const int MaxSenderLength = 320;
    public const int MaxExternalIdLength = 200;
    public const int MaxUriLength = 2048;
    public const int MaxMetadataKeyLength = 100;
    public const int MaxMetadataValueLength = 1000;
    public const int MaxSubjectLength = 1000;
    public const int MaxMessageIdLength = 500;
    public const int MaxReferences = 100;
    public const int MaxMediaTypeLength = 255;
    public const int MaxFileNameLength = 255;

    private readonly IReadOnlyList<string> schemes = limits.AcceptedAttachmentSchemes();

    /// <summary>The validated message, or the first thing wrong with it.</summary>
    public Validated<ValidInbound> Validate(P.PostInboundRequest request)
    {
        if (ProtoMap.FromProto(request.Channel) is not { } channel)
        {
            return new ValidationError("channel", "channel is required: one of CHANNEL_SMS, CHANNEL_EMAIL, CHANNEL_WHATSAPP, CHANNEL_WEBCHAT, CHANNEL_VOICE, CHANNEL_MESSENGER");
        }

        if (TextRules.Require(request.Sender, "sender", MaxSenderLength, "the customer's address on the channel") is { } senderMissing)
        {
            return senderMissing;
        }

        if (TextRules.Require(request.ExternalId, "external_id", MaxExternalIdLength, "the integrator's id of this message, used as idempotency key") is { } idMissing)
        {
            return idMissing;
        }

        if ((TextRules.Characters(request.Sender, "sender") ?? TextRules.Characters(request.ExternalId, "external_id")) is { } badId)
        {
            return badId;
        }

        var (sender, senderError) = Addresses.Normalize(channel, request.Sender);
        if (sender is null)
        {
            return new ValidationError("sender", senderError!);
        }

        if (TextRules.Time(request.SentAt, "sent_at") is { } badTime)
        {
            return badTime;
        }

        if (string.IsNullOrWhiteSpace(request.Text) && request.Attachments.Count == 0)
        {
            return new ValidationError("text", "text is empty: send the message text (or at least one attachment)");
        }

        if ((TextRules.MaxLength(request.Text, "text", limits.MaxTextLength) ?? TextRules.Characters(request.Text, "text")) is { } badText)
        {
            return badText;
        }

        if (Attachments(request.Attachments, out var attachments) is { } badAttachment)
        {
            return badAttachment;
        }

        if (Metadata(request.Metadata) is { } badMetadata)
        {
            return badMetadata;
        }

        if (Email(request.Email, channel, out var email) is { } badEmail)
        {
            return badEmail;
        }

        if (Callback(request.Callback, out var callback) is { } badCallback)
        {
            return badCallback;
        }

        return new ValidInbound(
            channel, Addresses.KindOf(channel), sender, request.ExternalId, request.SentAt?.ToDateTimeOffset(), request.Text,
            email, attachments, new Dictionary<string, string>(request.Metadata), PayloadHash(channel, sender, request), callback);
    }

    /// <summary>
    /// What makes a retry "the same message": channel, sender, text, email subject and message id, attachment uris.
    /// Stored with the message: changing it would turn retries of messages stored before the change into conflicts.
    /// </summary>
    public static string PayloadHash(Channel channel, string sender, P.PostInboundRequest request)
    {
        var canonical = new StringBuilder()
            .Append(channel).Append('\n').Append(sender).Append('\n').Append(request.Text).Append('\n')
            .Append(request.Email?.Subject).Append('\n').Append(request.Email?.MessageId).Append('\n');
        foreach (var a in request.Attachments)
        {
            canonical.Append(a.Uri).Append('\n');
        }

        if (request.Callback is { } callback)
        {
            // Only when present, so that the hashes of messages stored without one stay the same.
            canonical.Append("callback\n").Append(callback.At?.ToDateTimeOffset().ToUnixTimeSeconds()).Append('\n').Append(callback.Phone).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>How far ahead a callback may be booked.</summary>
    public static readonly TimeSpan MaxCallbackAhead = TimeSpan.FromDays(60);

    private static ValidationError? Callback(P.CallbackRequest? requested, out CallbackRequest? callback)
    {
        callback = null;
        if (requested is null)
        {
            return null;
        }

        if (TextRules.Time(requested.At, "callback.at") is { } badTime)
        {
            return badTime;
        }

        var at = requested.At?.ToDateTimeOffset();
        if (at > DateTimeOffset.UtcNow + MaxCallbackAhead)
        {
            return new ValidationError("callback.at", $"callback.at is more than {MaxCallbackAhead.TotalDays:0} days ahead: book a nearer time");
        }

        string? number = null;
        if (!string.IsNullOrEmpty(requested.Phone))
        {
            var (normalized, error) = Addresses.Normalize(Channel.Voice, requested.Phone);
            if (normalized is null)
            {
                return new ValidationError("callback.phone", "callback.phone is not a phone number to call: " + error);
            }

            number = normalized;
        }

        callback = new CallbackRequest(at, number);
        return null;
    }

    private ValidationError? Attachments(IReadOnlyList<P.Attachment> requested, out List<Attachment> attachments)
    {
        attachments = new List<Attachment>(requested.Count);
        if (requested.Count > limits.MaxAttachments)
        {
            return new ValidationError("attachments", $"{requested.Count} attachments; the limit is {limits.MaxAttachments}");
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var a = requested[i];
            var field = $"attachments[{i}]";
            if (AttachmentUri(a.Uri, $"{field}.uri") is { } badUri)
            {
                return badUri;
            }

            if (string.IsNullOrWhiteSpace(a.MediaType) || a.SizeBytes < 0)
            {
                return new ValidationError(field, "every attachment needs a media_type and a size_bytes >= 0");
            }

            if ((TextRules.MaxLength(a.MediaType, $"{field}.media_type", MaxMediaTypeLength)
                ?? TextRules.MaxLength(a.FileName, $"{field}.file_name", MaxFileNameLength)
                ?? TextRules.Characters(a.MediaType, $"{field}.media_type") ?? TextRules.Characters(a.FileName, $"{field}.file_name")
                ?? (MediaType().IsMatch(a.MediaType) ? null : new ValidationError($"{field}.media_type", $"{field}.media_type '{a.MediaType}' is not a media type: write type/subtype, e.g. image/png"))) is { } badText)
            {
                return badText;
            }

            attachments.Add(new Attachment(a.Uri, a.MediaType, a.SizeBytes, Empty(a.FileName)));
        }

        return null;
    }

    /// <summary>An absolute uri with a host, of at most <see cref="MaxUriLength"/> characters, whose scheme is accepted.</summary>
    private ValidationError? AttachmentUri(string uri, string field)
    {
        var accepted = Describe(schemes);
        if (uri.Length > MaxUriLength)
        {
            return new(field, $"{field} is {uri.Length} characters; every attachment needs an absolute uri of at most {MaxUriLength} characters");
        }

        if (TextRules.Characters(uri, field) is { } badText)
        {
            return badText;
        }

        // The scheme as written: Uri.TryCreate alone would take "/files/x.jpg" for a file uri on Unix.
        var scheme = SchemeOf(uri);
        if (scheme is null)
        {
            return new(field, $"{field} is not an absolute uri: every attachment needs an absolute uri of at most {MaxUriLength} characters, with scheme {accepted} and a host (e.g. https://files.example.com/photo.jpg)");
        }

        if (!schemes.Contains(scheme))
        {
            return new(field, $"{field} has scheme '{scheme}': attachment uris must use scheme {accepted}");
        }

        if (!uri.AsSpan(scheme.Length + 1).StartsWith("//", StringComparison.Ordinal)
            || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IsFile || string.IsNullOrEmpty(parsed.Host))
        {
            return new(field, $"{field} is not an absolute uri with a host: every attachment needs an absolute uri of at most {MaxUriLength} characters, with scheme {accepted} and a host (e.g. https://files.example.com/photo.jpg)");
        }

        return null;
    }

    private ValidationError? Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count > limits.MaxMetadataEntries
            || metadata.Any(m => m.Key.Length is 0 or > MaxMetadataKeyLength || m.Value.Length > MaxMetadataValueLength))
        {
            return new ValidationError("metadata",
                $"metadata allows at most {limits.MaxMetadataEntries} entries, keys of 1 to {MaxMetadataKeyLength} and values of at most {MaxMetadataValueLength} characters");
        }

        foreach (var (key, value) in metadata)
        {
            if (TextRules.Characters(key, "metadata", "a metadata key") is { } badKey)
            {
                return badKey;
            }

            if (TextRules.Characters(value, "metadata", $"the metadata value of key '{key}'") is { } badValue)
            {
                return badValue;
            }
        }

        return null;
    }

    private static ValidationError? Email(P.EmailHeaders? headers, Channel channel, out EmailHeaders? email)
    {
        email = null;
        if (headers is null)
        {
            return null;
        }

        if (channel != Channel.Email)
        {
            return new ValidationError("email", "email headers are only for channel CHANNEL_EMAIL");
        }

        if (headers.References.Count > MaxReferences)
        {
            return new ValidationError("email.references", $"email.references has {headers.References.Count} ids; the limit is {MaxReferences} (keep the most recent)");
        }

        var error = TextRules.MaxLength(headers.Subject, "email.subject", MaxSubjectLength)
            ?? TextRules.MaxLength(headers.MessageId, "email.message_id", MaxMessageIdLength)
            ?? TextRules.MaxLength(headers.InReplyTo, "email.in_reply_to", MaxMessageIdLength)
            ?? headers.References.Select((r, i) => TextRules.MaxLength(r, $"email.references[{i}]", MaxMessageIdLength)).FirstOrDefault(e => e is not null)
            ?? TextRules.Characters(headers.Subject, "email.subject")
            ?? TextRules.Characters(headers.MessageId, "email.message_id")
            ?? TextRules.Characters(headers.InReplyTo, "email.in_reply_to")
            ?? headers.References.Select((r, i) => TextRules.Characters(r, $"email.references[{i}]")).FirstOrDefault(e => e is not null);
        if (error is null)
        {
            email = new EmailHeaders(Empty(headers.Subject), Empty(headers.MessageId), Empty(headers.InReplyTo), [.. headers.References]);
        }

        return error;
    }

    /// <summary>The scheme a uri starts with (RFC 3986: a letter, then letters, digits, '+', '-' or '.', then ':'), in lowercase; null if none.</summary>
    private static string? SchemeOf(string uri)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 1 or > 32 || !char.IsAsciiLetter(uri[0]))
        {
            return null;
        }

        foreach (var c in uri.AsSpan(0, colon))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return null;
            }
        }

        return uri[..colon].ToLowerInvariant();
    }

    /// <summary>"https", "https or s3", "https, s3 or sftp".</summary>
    private static string Describe(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>RFC 6838's type/subtype, with optional parameters ("text/plain; charset=utf-8").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;.*)?$")]
    private static partial System.Text.RegularExpressions.Regex MediaType();
}
