namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// What is wrong with a request: the field by its proto path (<c>text</c>, <c>attachments[1].uri</c>) and the whole
/// message sent to the caller with INVALID_ARGUMENT, which names the field and says what to fix.
/// </summary>
public sealed record ValidationError(string Field, string Message);
