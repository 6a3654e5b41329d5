using Newtonsoft.Json.Serialization;

namespace Grid.Storage;

/// <summary>
/// The grain storage writes each value's .NET type into its JSON. A collection expression (<c>[.. items]</c>) typed as
/// <see cref="IReadOnlyList{T}"/> or <see cref="IEnumerable{T}"/> makes a compiler-generated type private to the
/// assembly that wrote it (<c>&lt;&gt;z__ReadOnlyArray`1</c>, <c>&lt;&gt;z__ReadOnlyList`1</c>, ...): a state holding one
/// would not read back after a restart. This binder writes such a collection under <see cref="List{T}"/>'s name, which
/// every reader resolves (the JSON array is the same); every other type goes through Orleans' own binder.
/// </summary>
internal sealed class PlainCollectionsBinder(ISerializationBinder inner) : ISerializationBinder
{
    public Type BindToType(string? assemblyName, string typeName) => inner.BindToType(assemblyName, typeName);

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        inner.BindToName(IsCompilerCollection(serializedType) ? typeof(List<>).MakeGenericType(serializedType.GetGenericArguments()[0]) : serializedType,
            out assemblyName, out typeName);

    /// <summary>A compiler-generated collection of one element type (the names C# gives them start with "&lt;&gt;z__").</summary>
    internal static bool IsCompilerCollection(Type type) =>
        type.IsGenericType && type.GetGenericArguments().Length == 1 && type.Name.StartsWith("<>z__", StringComparison.Ordinal);
}
