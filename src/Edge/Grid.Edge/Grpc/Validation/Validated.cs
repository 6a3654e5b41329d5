using System.Diagnostics.CodeAnalysis;

namespace Grid.Edge.Grpc.Validation;

/// <summary>Either a validated value or the first <see cref="ValidationError"/> found, never both.</summary>
public readonly record struct Validated<T>
    where T : class
{
    private Validated(T? value, ValidationError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The validated value; null when <see cref="Error"/> is set.</summary>
    public T? Value { get; }

    /// <summary>What is wrong; null when the request is valid.</summary>
    public ValidationError? Error { get; }

    /// <summary>True when valid; then <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    public static implicit operator Validated<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator Validated<T>(ValidationError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
