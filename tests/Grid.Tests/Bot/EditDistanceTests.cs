using Grid.Bot;

namespace Grid.Tests.Bot;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("facture", "facture", true)]
    [InlineData("facture", "factrue", true)]
    [InlineData("facture", "factur", true)]
    [InlineData("facture", "factures", true)]
    [InlineData("facture", "fakture", true)]
    [InlineData("humain", "humian", true)]
    [InlineData("facture", "fracture", true)]
    [InlineData("facture", "fcatrue", false)]
    [InlineData("facture", "fact", false)]
    [InlineData("invoice", "invocie", true)]
    [InlineData("invoice", "involce", true)]
    [InlineData("invoice", "envoice", true)]
    [InlineData("invoice", "ivnocie", false)]
    public void Allows_one_insertion_deletion_replacement_or_swap(string a, string b, bool expected)
    {
        Assert.Equal(expected, EditDistance.AtMostOne(a, b));
        Assert.Equal(expected, EditDistance.AtMostOne(b, a));
    }

    [Theory]
    [InlineData("conseiller", "conseiller", true)]
    [InlineData("conseiller", "concieller", true)] // a letter replaced, two swapped
    [InlineData("representative", "represntitive", true)]
    [InlineData("supervisor", "supervizer", true)]
    [InlineData("conseiller", "conseil", false)]
    [InlineData("conseiller", "cnosielelr", false)]
    [InlineData("representative", "representation", true)] // why the near words are listed apart
    [InlineData("ab", "", true)]
    [InlineData("abc", "", false)]
    public void Allows_two_typos(string a, string b, bool expected)
    {
        Assert.Equal(expected, EditDistance.AtMostTwo(a, b));
        Assert.Equal(expected, EditDistance.AtMostTwo(b, a));
    }
}
