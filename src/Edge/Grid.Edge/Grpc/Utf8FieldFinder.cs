using System.Buffers;
using System.Text.Unicode;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Grid.Edge.Grpc;

/// <summary>
/// Finds the string field of a serialised protobuf message that holds invalid UTF-8, by walking its tags with the
/// message's descriptor (string fields are read as bytes, so nothing is decoded on the way).
/// </summary>
public static class Utf8FieldFinder
{
    private const int MaxDepth = 16;

    /// <summary>
    /// The path of the first string field holding invalid UTF-8, as a caller would name it (<c>text</c>,
    /// <c>email.subject</c>, <c>attachments[1].file_name</c>, <c>metadata key</c>); null when there is none or the
    /// bytes are not a readable message.
    /// </summary>
    public static string? FirstInvalid(MessageDescriptor descriptor, ReadOnlySequence<byte> payload)
    {
        try
        {
            return Walk(descriptor, payload.ToArray(), path: null, depth: 0);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string? Walk(MessageDescriptor descriptor, byte[] message, string? path, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var input = new CodedInputStream(message);
        var seen = new Dictionary<int, int>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
            if (field is null
                || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited
                || field.FieldType is not (FieldType.String or FieldType.Message))
            {
                input.SkipLastField();
                continue;
            }

            var index = seen.GetValueOrDefault(field.FieldNumber);
            seen[field.FieldNumber] = index + 1;
            var name = Name(descriptor, field, path, index);
            var value = input.ReadBytes();
            if (field.FieldType == FieldType.String)
            {
                if (!Utf8.IsValid(value.Span))
                {
                    return name;
                }
            }
            else if (Walk(field.MessageType, value.ToByteArray(), name, depth + 1) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string Name(MessageDescriptor descriptor, FieldDescriptor field, string? path, int index)
    {
        if (descriptor.GetOptions()?.MapEntry == true)
        {
            // The key or value of one entry of a map field: "metadata key", "metadata value".
            return $"{path} {field.Name}";
        }

        var name = path is null ? field.Name : $"{path}.{field.Name}";
        return field.IsRepeated && !field.IsMap ? $"{name}[{index}]" : name;
    }
}
