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
        var descriptor = (Activator.CreateInstance(typeof(T)) as IMessage)?.Descriptor;
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
        var message = descriptor?.Name ?? "the request";
        if (descriptor is not null && Utf8FieldFinder.FirstInvalid(descriptor, context.PayloadAsReadOnlySequence()) is { } field)
        {
            return $"{field} is not valid UTF-8: every string of a {message} must be encoded in UTF-8";
        }

        return exception is DecoderFallbackException || exception.InnerException is DecoderFallbackException
            ? $"a string field of {message} is not valid UTF-8: every string must be encoded in UTF-8"
            : $"the request is not a valid {message} (protobuf): {exception.Message}";
    }
}
