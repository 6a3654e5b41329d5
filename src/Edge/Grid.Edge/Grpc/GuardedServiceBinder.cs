using Grpc.Core;

namespace Grid.Edge.Grpc;

/// <summary>
/// Hands a generated service's methods to grpc-dotnet's binder with <see cref="GuardedMarshaller"/> request marshallers,
/// so that a request grpc-dotnet cannot parse answers INVALID_ARGUMENT naming the field.
/// </summary>
/// <remarks>
/// Grid's services carry <c>[BindServiceMethod]</c> pointing at their own static <c>BindService</c>, which calls the
/// generated one through this binder; grpc-dotnet (endpoint binding) and gRPC reflection (the static
/// <c>Descriptor</c> beside it) find that attribute before the generated base class's.
/// </remarks>
public sealed class GuardedServiceBinder(ServiceBinderBase inner, Action? onRefused = null) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guard(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guard(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guard(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guard(method), handler);

    private Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, GuardedMarshaller.Wrap(method.RequestMarshaller, onRefused), method.ResponseMarshaller);
}
