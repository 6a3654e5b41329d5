using Grid.Conversations;

namespace Grid.Tests.Core;

/// <summary>Answers to the satisfaction question, as customers write them, and messages that are not answers.</summary>
public sealed class CsatAnswerTests
{
    [Theory]
    [InlineData("5", 5)]
    [InlineData("4/5", 4)]
    [InlineData("je mets 2, c'était long", 2)]
    [InlineData("3 étoiles", 3)]
    [InlineData("Très satisfait, merci !", 5)]
    [InlineData("pas du tout satisfaite", 1)]
    [InlineData("not happy at all", 2)]
    [InlineData("excellent service", 5)]
    [InlineData("bof", 3)]
    [InlineData("terrible", 1)]
    public void Reads_a_rating_from_a_digit_or_words(string text, int rating) => Assert.Equal(rating, CsatAnswer.Parse(text)?.Rating);

    [Theory]
    [InlineData("ma facture INV-2024-01234 est encore fausse")]
    [InlineData("j'ai 12 questions")]
    [InlineData("how do I reset my password?")]
    [InlineData("")]
    public void Leaves_what_is_not_an_answer(string text) => Assert.Null(CsatAnswer.Parse(text));

    [Fact]
    public void Keeps_the_customers_words_as_the_comment()
    {
        Assert.Equal((2, "je mets 2, c'était long"), CsatAnswer.Parse("je mets 2, c'était long"));
        Assert.Equal((5, null), CsatAnswer.Parse("5"));
    }
}
