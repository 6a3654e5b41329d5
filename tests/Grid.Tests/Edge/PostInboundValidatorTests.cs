using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grid.Edge;
using Grid.Edge.Grpc.Validation;
using P = Grid.Protos.V1;

namespace Grid.Tests.EdgeUnits;

/// <summary>The PostInbound rules, without a host: each refusal names the field and says what to fix.</summary>
public sealed class PostInboundValidatorTests
{
    private static readonly PostInboundValidator Default = new(new LimitOptions());

    private static P.PostInboundRequest Sms(string text = "hello") =>
        new() { Channel = P.Channel.Sms, Sender = "+33 6 12 34 56 78", ExternalId = "m1", Text = text };

    private static P.PostInboundRequest Email() => new()
    {
        Channel = P.Channel.Email,
        Sender = "Jane@Example.com",
        ExternalId = "e1",
        Text = "hello",
        Email = new P.EmailHeaders { Subject = "Invoice", MessageId = "<m1@example.com>", InReplyTo = "<m0@example.com>", References = { "<m0@example.com>" } },
    };

    private static P.PostInboundRequest WithAttachment(string uri, string fileName = "photo.jpg")
    {
        var request = Sms();
        request.Attachments.Add(new P.Attachment { Uri = uri, MediaType = "image/jpeg", SizeBytes = 10, FileName = fileName });
        return request;
    }

    private static ValidationError Refused(P.PostInboundRequest request, PostInboundValidator? validator = null)
    {
        var result = (validator ?? Default).Validate(request);
        Assert.False(result.IsValid, "expected a refusal");
        return result.Error;
    }

    [Fact]
    public void A_valid_message_is_normalised_and_keeps_its_content()
    {
        var request = Email();
        request.SentAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        request.Metadata.Add("order", "A-12");
        request.Attachments.Add(new P.Attachment { Uri = "https://files.example.com/invoice.pdf", MediaType = "application/pdf", SizeBytes = 1234 });

        var result = Default.Validate(request);

        Assert.True(result.IsValid, result.Error?.Message);
        var valid = result.Value;
        Assert.Equal(Channel.Email, valid.Channel);
        Assert.Equal(AddressKind.Email, valid.Kind);
        Assert.Equal("jane@example.com", valid.Sender);
        Assert.Equal("e1", valid.ExternalId);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), valid.SentAt);
        Assert.Equal("Invoice", valid.Email!.Subject);
        Assert.Equal(["<m0@example.com>"], valid.Email.References);
        Assert.Null(Assert.Single(valid.Attachments).FileName);
        Assert.Equal("A-12", valid.Metadata["order"]);

        var message = valid.ToMessage(new Grid.Edge.Auth.IntegratorIdentity("gw", "acme"), DateTimeOffset.UnixEpoch);
        Assert.Equal(("acme", "gw", DateTimeOffset.UnixEpoch), (message.Tenant, message.Integrator, message.ReceivedAt));
        Assert.Equal(valid.SentAt, message.SentAt);
    }

    [Fact]
    public void Without_sent_at_the_message_is_sent_when_received()
    {
        var valid = Default.Validate(Sms()).Value!;
        Assert.Null(valid.SentAt);
        Assert.Equal(DateTimeOffset.UnixEpoch, valid.ToMessage(new Grid.Edge.Auth.IntegratorIdentity("gw", "acme"), DateTimeOffset.UnixEpoch).SentAt);
    }

    [Fact]
    public void The_payload_hash_is_the_one_already_stored_with_messages()
    {
        // Retries of messages stored before this code must keep matching: the canonical form must not change.
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("Sms\n+33612345678\nhello\n\n\n")));
        Assert.Equal(expected, Default.Validate(Sms()).Value!.PayloadHash);

        var withAttachment = WithAttachment("https://files.example.com/a.jpg");
        var expectedWithAttachment = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("Sms\n+33612345678\nhello\n\n\nhttps://files.example.com/a.jpg\n")));
        Assert.Equal(expectedWithAttachment, Default.Validate(withAttachment).Value!.PayloadHash);
    }

    public static TheoryData<string, P.PostInboundRequest, string, string> Invalid()
    {
        var oversizeMetadata = Sms();
        oversizeMetadata.Metadata.Add("k", new string('v', 1001));
        var tooManyAttachments = Sms();
        for (var i = 0; i < 21; i++)
        {
            tooManyAttachments.Attachments.Add(new P.Attachment { Uri = $"https://files.example.com/{i}", MediaType = "image/png" });
        }

        var noMediaType = Sms();
        noMediaType.Attachments.Add(new P.Attachment { Uri = "https://files.example.com/a", SizeBytes = 1 });
        return new TheoryData<string, P.PostInboundRequest, string, string>
        {
            { "no channel", new P.PostInboundRequest { Sender = "+33612345678", ExternalId = "x", Text = "hi" }, "channel", "channel is required: one of CHANNEL_SMS" },
            { "unknown channel", new P.PostInboundRequest { Channel = (P.Channel)42, Sender = "+33612345678", ExternalId = "x", Text = "hi" }, "channel", "channel is required" },
            { "no sender", new P.PostInboundRequest { Channel = P.Channel.Sms, ExternalId = "x", Text = "hi" }, "sender", "sender is required: the customer's address on the channel" },
            { "long sender", new P.PostInboundRequest { Channel = P.Channel.Webchat, Sender = new string('v', 321), ExternalId = "x", Text = "hi" }, "sender", "sender is 321 characters; the limit is 320" },
            { "no external id", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", Text = "hi" }, "external_id", "external_id is required: the integrator's id of this message" },
            { "long external id", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", ExternalId = new string('x', 201), Text = "hi" }, "external_id", "external_id is 201 characters; the limit is 200" },
            { "not a phone", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "call me", ExternalId = "x", Text = "hi" }, "sender", "sender must be a phone number" },
            { "not an email", new P.PostInboundRequest { Channel = P.Channel.Email, Sender = "nobody", ExternalId = "x", Text = "hi" }, "sender", "sender must be an email address" },
            { "blank text", Sms("  "), "text", "text is empty: send the message text (or at least one attachment)" },
            { "long text", Sms(new string('x', 32_001)), "text", "text is 32001 characters; the limit is 32000" },
            { "too many attachments", tooManyAttachments, "attachments", "21 attachments; the limit is 20" },
            { "attachment without media type", noMediaType, "attachments[0]", "every attachment needs a media_type and a size_bytes >= 0" },
            { "long metadata value", oversizeMetadata, "metadata", "metadata allows at most 50 entries, keys of 1 to 100 and values of at most 1000 characters" },
            { "email headers on sms", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", ExternalId = "x", Text = "hi", Email = new P.EmailHeaders() }, "email", "email headers are only for channel CHANNEL_EMAIL" },
            { "sent_at out of range", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", ExternalId = "x", Text = "hi", SentAt = new Timestamp { Seconds = long.MaxValue } }, "sent_at", "sent_at is not a valid timestamp" },
            { "long subject", Mail(h => h.Subject = new string('s', 200_000)), "email.subject", "email.subject is 200000 characters; the limit is 1000" },
            { "too many references", Mail(h => h.References.AddRange(Enumerable.Range(0, 60_000).Select(i => $"<m{i}@example.com>"))), "email.references", "email.references has 60000 ids; the limit is 100" },
            { "long message id", Mail(h => h.MessageId = "<" + new string('m', 600) + "@x>"), "email.message_id", "email.message_id is 604 characters; the limit is 500" },
            { "long reference", Mail(h => h.References.Add("<" + new string('r', 600) + "@x>")), "email.references[0]", "email.references[0] is 604 characters; the limit is 500" },
            { "long media type", WithAttachment(new P.Attachment { Uri = "https://files.example.com/a", MediaType = "image/" + new string('p', 20_000), SizeBytes = 1 }), "attachments[0].media_type", "attachments[0].media_type is 20006 characters; the limit is 255" },
            { "not a media type", WithAttachment(new P.Attachment { Uri = "https://files.example.com/a", MediaType = "picture", SizeBytes = 1 }), "attachments[0].media_type", "is not a media type: write type/subtype" },
            { "long file name", WithAttachment(new P.Attachment { Uri = "https://files.example.com/a", MediaType = "image/png", SizeBytes = 1, FileName = new string('f', 20_000) + ".png" }), "attachments[0].file_name", "attachments[0].file_name is 20004 characters; the limit is 255" },
            { "javascript uri", WithAttachment(new P.Attachment { Uri = "javascript:alert(1)", MediaType = "image/png", SizeBytes = 1 }), "attachments[0].uri", "attachments[0].uri" },
            { "sent_at nanos", new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", ExternalId = "x", Text = "hi", SentAt = new Timestamp { Nanos = -1 } }, "sent_at", "sent_at is not a valid timestamp" },
        };
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_messages_name_the_field(string why, P.PostInboundRequest request, string field, string message)
    {
        var error = Refused(request);
        Assert.True(field == error.Field, $"{why}: {error}");
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Limits_come_from_the_options()
    {
        var validator = new PostInboundValidator(new LimitOptions { MaxTextLength = 5 });
        Assert.Equal("text is 6 characters; the limit is 5", Refused(Sms("abcdef"), validator).Message);
        Assert.True(validator.Validate(Sms("abcde")).IsValid);
    }

    public static TheoryData<string, Action<P.PostInboundRequest>> ControlCharacterFields() => new()
    {
        { "text", r => r.Text = "hello\0world" },
        { "sender", r => r.Sender = "jane\0@example.com" },
        { "external_id", r => r.ExternalId = "e\01" },
        { "email.subject", r => r.Email.Subject = "Invoice\0" },
        { "email.message_id", r => r.Email.MessageId = "<m1\0@example.com>" },
        { "email.in_reply_to", r => r.Email.InReplyTo = "<m0\0@example.com>" },
        { "email.references[1]", r => r.Email.References.Add("<x\0@example.com>") },
        { "attachments[0].file_name", r => r.Attachments.Add(new P.Attachment { Uri = "https://files.example.com/a", MediaType = "image/png", FileName = "a\0.png" }) },
        { "attachments[0].media_type", r => r.Attachments.Add(new P.Attachment { Uri = "https://files.example.com/a", MediaType = "image/png\0" }) },
        { "metadata", r => r.Metadata.Add("ord\0er", "1") },
        { "metadata", r => r.Metadata.Add("order", "1\02") },
    };

    [Theory]
    [MemberData(nameof(ControlCharacterFields))]
    public void A_control_character_in_any_string_is_refused_naming_the_field(string field, Action<P.PostInboundRequest> corrupt)
    {
        var request = Email();
        corrupt(request);
        var error = Refused(request);
        Assert.Equal(field, error.Field);
        Assert.Contains("contains a control character (U+0000) at position", error.Message);
        Assert.EndsWith("; remove it", error.Message);
    }

    [Fact]
    public void The_message_gives_the_character_and_its_position()
    {
        Assert.Equal("text contains a control character (U+0000) at position 12; remove it", Refused(Sms("hello world!\0")).Message);
        Assert.Equal("text contains a control character (U+001B) at position 0; remove it", Refused(Sms("\u001b[31mred")).Message);
        Assert.Equal("text contains a control character (U+007F) at position 1; remove it", Refused(Sms("a\u007f")).Message);
        Assert.Equal("text contains a control character (U+0085) at position 2; remove it", Refused(Sms("ab\u0085")).Message);
        Assert.Equal("the metadata value of key 'order' contains a control character (U+0007) at position 1; remove it",
            Refused(WithMetadata("order", "1\a")).Message);
        Assert.Equal("a metadata key contains a control character (U+0007) at position 1; remove it", Refused(WithMetadata("o\ak", "1")).Message);
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("col\tcol")]
    [InlineData("no-break\u00a0space, ÿ and é")]
    [InlineData("a smile 😀 (a surrogate pair)")]
    public void Tabs_line_breaks_and_any_other_character_are_accepted(string text)
    {
        var result = Default.Validate(Sms(text));
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(text, result.Value.Text);
    }

    // Not [InlineData], and not enumerated at discovery: attribute arguments and serialised theory data go through
    // UTF-8, which replaces lone surrogates with U+FFFD.
    public static TheoryData<string, string, int> LoneSurrogates() => new()
    {
        { "bad \ud83d end", "U+D83D", 4 },
        { "bad \ude00", "U+DE00", 4 },
        { "\ude00\ud83d", "U+DE00", 0 },
        { "end \ud83d", "U+D83D", 4 },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void A_lone_surrogate_is_refused_naming_the_field(string text, string code, int position)
    {
        var error = Refused(Sms(text));
        Assert.Equal("text", error.Field);
        Assert.Contains($"text contains a lone surrogate ({code}) at position {position}", error.Message);
        Assert.Throws<EncoderFallbackException>(() => new UTF8Encoding(false, true).GetBytes(text));
    }

    [Fact]
    public void A_lone_surrogate_in_a_header_is_refused_naming_the_field()
    {
        var request = Email();
        request.Email.Subject = "Re: \ud83d";
        Assert.Equal("email.subject", Refused(request).Field);
    }

    [Theory]
    [InlineData("/files/x.jpg", "is not an absolute uri")]
    [InlineData("photo.jpg", "is not an absolute uri")]
    [InlineData("//files.example.com/x.jpg", "is not an absolute uri")]
    [InlineData("javascript:alert(1)", "has scheme 'javascript'")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "has scheme 'data'")]
    [InlineData("http://files.example.com/x.jpg", "has scheme 'http'")]
    [InlineData("file:///etc/passwd", "has scheme 'file'")]
    [InlineData("https:files.example.com/x.jpg", "is not an absolute uri with a host")]
    [InlineData("https:///x.jpg", "is not an absolute uri with a host")]
    public void Attachment_uris_must_be_absolute_https(string uri, string expected)
    {
        var error = Refused(WithAttachment(uri));
        Assert.Equal("attachments[0].uri", error.Field);
        Assert.Contains($"attachments[0].uri {expected}", error.Message);
        Assert.Contains("https", error.Message);
    }

    [Fact]
    public void Relative_uris_still_say_every_attachment_needs_an_absolute_uri()
    {
        Assert.Contains("absolute uri", Refused(WithAttachment("photo.jpg")).Message);
        Assert.Contains("at most 2048 characters", Refused(WithAttachment("https://files.example.com/" + new string('x', 2048))).Message);
    }

    [Theory]
    [InlineData("https://files.example.com/x.jpg")]
    [InlineData("HTTPS://Files.Example.com/x.jpg")]
    [InlineData("https://files.example.com:8443/x.jpg?sig=abc#part")]
    public void Https_uris_are_accepted(string uri) => Assert.True(Default.Validate(WithAttachment(uri)).IsValid);

    [Fact]
    public void Accepted_schemes_are_configurable_and_the_message_lists_them()
    {
        var validator = new PostInboundValidator(new LimitOptions { AttachmentSchemes = ["https", "S3"] });
        Assert.True(validator.Validate(WithAttachment("s3://bucket/photos/x.jpg")).IsValid);
        Assert.True(validator.Validate(WithAttachment("https://files.example.com/x.jpg")).IsValid);
        Assert.Equal("attachments[0].uri has scheme 'http': attachment uris must use scheme https or s3",
            Refused(WithAttachment("http://files.example.com/x.jpg"), validator).Message);

        var withHttp = new PostInboundValidator(new LimitOptions { AttachmentSchemes = ["https", "http"] });
        Assert.True(withHttp.Validate(WithAttachment("http://files.example.com/x.jpg")).IsValid);
        Assert.Contains("https or http", Refused(WithAttachment("javascript:alert(1)"), withHttp).Message);
    }

    [Fact]
    public void The_second_attachment_is_named_by_its_index()
    {
        var request = WithAttachment("https://files.example.com/ok.jpg");
        request.Attachments.Add(new P.Attachment { Uri = "javascript:alert(1)", MediaType = "image/png" });
        Assert.Equal("attachments[1].uri", Refused(request).Field);
    }

    private static P.PostInboundRequest WithMetadata(string key, string value)
    {
        var request = Sms();
        request.Metadata.Add(key, value);
        return request;
    }

    private static P.PostInboundRequest Mail(Action<P.EmailHeaders> headers)
    {
        var request = new P.PostInboundRequest { Channel = P.Channel.Email, Sender = "jane@example.com", ExternalId = "x", Text = "hi", Email = new P.EmailHeaders() };
        headers(request.Email);
        return request;
    }

    private static P.PostInboundRequest WithAttachment(P.Attachment attachment)
    {
        var request = new P.PostInboundRequest { Channel = P.Channel.Sms, Sender = "+33612345678", ExternalId = "x", Text = "hi" };
        request.Attachments.Add(attachment);
        return request;
    }
}
