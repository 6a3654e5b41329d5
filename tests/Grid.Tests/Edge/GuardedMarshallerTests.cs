using System.Buffers;
using Google.Protobuf;
using Grid.Edge.Grpc;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Tests.EdgeUnits;

/// <summary>Requests that cannot be parsed are refused with INVALID_ARGUMENT naming the field, before any handler runs.</summary>
public sealed class GuardedMarshallerTests
{
    private static readonly byte[] BadUtf8 = [(byte)'h', (byte)'i', 0xC3, 0x28];

    /// <summary>A PostInboundRequest written field by field, so that a string field can hold any bytes.</summary>
    public static byte[] PostInbound(int badField = 5, byte[]? badValue = null)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteEnum((int)P.Channel.Sms);
        Write(output, 2, "+33612345678");
        Write(output, 3, "utf8-1");
        output.WriteTag(badField, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(badValue ?? BadUtf8));
        output.Flush();
        return buffer.ToArray();
    }

    private static void Write(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static byte[] Nested(int field, byte[] message)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] StringField(int field, byte[] value) => Nested(field, value);

    private static RpcException Refused(byte[] payload)
    {
        var marshaller = GuardedMarshaller.Wrap(Marshallers.Create((P.PostInboundRequest m) => m.ToByteArray(), P.PostInboundRequest.Parser.ParseFrom));
        return Assert.Throws<RpcException>(() => marshaller.ContextualDeserializer(new Payload(payload)));
    }

    [Fact]
    public void Invalid_utf8_in_the_text_is_invalid_argument_naming_the_text()
    {
        var error = Refused(PostInbound());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("text is not valid UTF-8", error.Status.Detail);
    }

    [Theory]
    [InlineData(2, "sender")]
    [InlineData(3, "external_id")]
    public void Invalid_utf8_in_other_fields_names_them(int field, string name) =>
        Assert.StartsWith($"{name} is not valid UTF-8", Refused(PostInbound(field)).Status.Detail);

    [Fact]
    public void Invalid_utf8_in_nested_repeated_and_map_fields_is_named_by_its_path()
    {
        var subject = Nested(6, StringField(1, BadUtf8));
        Assert.StartsWith("email.subject is not valid UTF-8", Refused([.. PostInbound(5, "ok"u8.ToArray()), .. subject]).Status.Detail);

        var reference = Nested(6, [.. StringField(4, "<a@example.com>"u8.ToArray()), .. StringField(4, BadUtf8)]);
        Assert.StartsWith("email.references[1] is not valid UTF-8", Refused([.. PostInbound(5, "ok"u8.ToArray()), .. reference]).Status.Detail);

        var goodAttachment = Nested(7, StringField(1, "https://files.example.com/a"u8.ToArray()));
        var badAttachment = Nested(7, StringField(4, BadUtf8));
        Assert.StartsWith("attachments[1].file_name is not valid UTF-8", Refused([.. PostInbound(5, "ok"u8.ToArray()), .. goodAttachment, .. badAttachment]).Status.Detail);

        var metadataValue = Nested(8, [.. StringField(1, "order"u8.ToArray()), .. StringField(2, BadUtf8)]);
        Assert.StartsWith("metadata value is not valid UTF-8", Refused([.. PostInbound(5, "ok"u8.ToArray()), .. metadataValue]).Status.Detail);
    }

    [Fact]
    public void Encoded_surrogates_are_not_utf8_either() =>
        Assert.StartsWith("text is not valid UTF-8", Refused(PostInbound(5, [0xED, 0xA0, 0xBD])).Status.Detail);

    [Fact]
    public void Bytes_that_are_not_a_message_are_invalid_argument_too()
    {
        var error = Refused([0x2A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("the request is not a valid PostInboundRequest (protobuf)", error.Status.Detail);
    }

    [Fact]
    public void Valid_requests_parse_as_before()
    {
        var marshaller = GuardedMarshaller.Wrap(Marshallers.Create((P.PostInboundRequest m) => m.ToByteArray(), P.PostInboundRequest.Parser.ParseFrom));
        var parsed = marshaller.ContextualDeserializer(new Payload(PostInbound(5, "héllo 😀"u8.ToArray())));
        Assert.Equal("héllo 😀", parsed.Text);
    }

    [Fact]
    public void Refusals_are_reported()
    {
        var refused = 0;
        var marshaller = GuardedMarshaller.Wrap(Marshallers.Create((P.PostInboundRequest m) => m.ToByteArray(), P.PostInboundRequest.Parser.ParseFrom), () => refused++);
        Assert.Throws<RpcException>(() => marshaller.ContextualDeserializer(new Payload(PostInbound())));
        Assert.Equal(1, refused);
    }

    private sealed class Payload(byte[] bytes) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])bytes.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(bytes);
    }
}
