using Grid.Conversations;

namespace Grid.Tests.Core;

/// <summary>What the customer is told about their place in the queue, in their language.</summary>
public sealed class CustomerNoticesTests
{
    [Theory]
    [InlineData("fr", 1, null, "Vous êtes le prochain à être pris en charge.")]
    [InlineData("en", 3, null, "You are number 3 in the queue.")]
    [InlineData("fr", 4, 7.5, "Vous êtes en position 4 dans la file d'attente. Attente estimée : environ 8 min.")]
    [InlineData("en", 2, 0.2, "You are number 2 in the queue. Expected wait: about 1 min.")]
    [InlineData("en", 9, 130.0, "You are number 9 in the queue. Expected wait: about 3 h.")]
    public void Tells_the_place_and_the_expected_wait(string language, int position, double? minutes, string expected) =>
        Assert.Equal(expected, CustomerNotices.QueuePosition(language, position, minutes is { } m ? TimeSpan.FromMinutes(m) : null));
}
