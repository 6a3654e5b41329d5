using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Grid.Edge.Grpc;

/// <summary>
/// Request marshallers that refuse a request that cannot be parsed with INVALID_ARGUMENT and a message naming the
/// field. grpc-dotnet deserialises a request before any interceptor runs, and answers UNKNOWN ("Exception was thrown
/// by handler.") for any exception but an <see cref="RpcException"/>, whose status it sends as is.
/// </summary>
public static class GuardedMarshaller
{
    /// <summary>
    /// <paramref name="inner"/>, whose deserializer throws an <see cref="RpcException"/> with INVALID_ARGUMENT instead of
    /// protobuf's exceptions; <paramref name="onRefused"/> runs for each refused request.
    /// </summary>
    public static Marshaller<T> Wrap<T>(Marshaller<T> inner, Action? onRefused = null)
        where T : class
    {
        // Generated messages have a parameterless constructor; their descriptor names the fields.
        var descriptor = typeof(IMessage).IsAssignableFrom(typeof(T)) && typeof(T).GetConstructor(Type.EmptyTypes) is { } create
            ? ((IMessage)create.Invoke(null)).Descriptor
            : null;
        var deserialize = inner.ContextualDeserializer;
        return new Marshaller<T>(inner.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or DecoderFallbackException)
            {
                onRefused?.Invoke();
                throw new RpcException(new Status(StatusCode.InvalidArgument, Describe(ex, descriptor, context)));
            }
        });
    }

    private static string Describe(Exception exception, MessageDescriptor? descriptor, DeserializationContext context)
    {
        if (descriptor is not null && Utf8FieldFinder.FirstInvalid(descriptor, context.PayloadAsReadOnlySequence()) is { } field)
        {
            return $"{field} is not valid UTF-8: every string of a {descriptor.Name} must be encoded in UTF-8";
        }

        if (exception is DecoderFallbackException || exception.InnerException is DecoderFallbackException)
        {
            return $"a string field of {descriptor?.Name ?? "the request"} is not valid UTF-8: every string must be encoded in UTF-8";
        }

        return descriptor is null
            ? $"the request is not a valid protobuf message: {exception.Message}"
            : $"the request is not a valid {descriptor.Name} (protobuf): {exception.Message}";
    }
}
